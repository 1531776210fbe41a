using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Contracts.Stats;

/// <summary>
/// A help point's bookings of the sessions of one local date, as they stand now, and the citizens it guided that
/// day by fingerprint (a keyed hash of the ID number, so they can be counted once across days and help points
/// without the number itself ever leaving the help point).
/// </summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointDay")]
public sealed record HelpPointDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] HelpPointFigures Figures,
    [property: Id(2)] ImmutableArray<long> Guided);
