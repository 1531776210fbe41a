using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Stats;

/// <summary>
/// What a help point tells its commune's stats: absolute figures of the days that changed, and its profile when that
/// changed. Numbered, so a report that arrives late never overwrites a newer one; absolute, so a repeat changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointReport")]
public sealed record HelpPointReport(
    [property: Id(0)] string HelpPointId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] HelpPointProfile? Profile,
    [property: Id(3)] ImmutableArray<HelpPointDay> Days);
