using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Contracts.Rollout;

/// <summary>
/// The help points a rollout opens in each commune: its commune office and a number of village cultural houses,
/// as in Xã Đại Thạnh. Either part may be absent, not both.
/// </summary>
[GenerateSerializer, Immutable, Alias("pp.RolloutTemplate")]
public sealed record RolloutTemplate(
    [property: Id(0)] HelpPointTemplate? CommuneOffice,
    [property: Id(1)] HelpPointTemplate? VillageHouses);

/// <summary>The computers and opening hours of one kind of help point, and how many of them a commune gets.</summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointTemplate")]
public sealed record HelpPointTemplate(
    [property: Id(0)] int Count,
    [property: Id(1)] int Computers,
    [property: Id(2)] ImmutableArray<OpeningPeriod> OpeningHours);
