using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>What a commune says about a help point: where it is, how many computers it has and when it opens.</summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointDefinition")]
public sealed record HelpPointDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] HelpPointKind Kind,
    [property: Id(2)] string Address,
    [property: Id(3)] int Computers,
    [property: Id(4)] ImmutableArray<OpeningPeriod> OpeningHours);
