using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>A help point as the platform knows it.</summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointDetails")]
public sealed record HelpPointDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommuneCode,
    [property: Id(2)] HelpPointDefinition Definition,
    [property: Id(3)] ImmutableArray<Closure> Closures,
    [property: Id(4)] HelpPointFigures Figures);
