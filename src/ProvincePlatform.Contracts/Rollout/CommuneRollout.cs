using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Rollout;

/// <summary>Where a commune stands in the rollout, with every change that brought it there, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("pp.CommuneRollout")]
public sealed record CommuneRollout(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] RolloutStage Stage,
    [property: Id(2)] DateTimeOffset? Since,
    [property: Id(3)] ImmutableArray<RolloutStageChange> History);
