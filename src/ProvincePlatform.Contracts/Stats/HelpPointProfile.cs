using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Contracts.Stats;

/// <summary>What the stats need to know of a help point to count the seats it offered: its definition and the local date it took effect, its closures and the date it opened.</summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointProfile")]
public sealed record HelpPointProfile(
    [property: Id(0)] HelpPointDefinition Definition,
    [property: Id(1)] ImmutableArray<DateOnly> Closures,
    [property: Id(2)] DateOnly OpenedOn,
    [property: Id(3)] DateOnly DefinitionSince);
