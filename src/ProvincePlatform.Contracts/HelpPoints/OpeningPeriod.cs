using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>
/// A recurring opening of a help point in local time, for example every day 19:00–20:00.
/// Without <paramref name="SlotMinutes"/> the whole period is one session; with it, the period is cut into
/// sessions of that length (a remainder too short for a whole slot is not offered).
/// </summary>
[GenerateSerializer, Immutable, Alias("pp.OpeningPeriod")]
public sealed record OpeningPeriod(
    [property: Id(0)] ImmutableArray<DayOfWeek> Days,
    [property: Id(1)] TimeOnly Start,
    [property: Id(2)] TimeOnly End,
    [property: Id(3)] int? SlotMinutes = null);
