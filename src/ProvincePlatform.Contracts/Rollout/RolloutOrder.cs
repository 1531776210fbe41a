using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Rollout;

/// <summary>What a province rollout operation is asked to do, by whom, and when.</summary>
[GenerateSerializer, Immutable, Alias("pp.RolloutOrder")]
public sealed record RolloutOrder(
    [property: Id(0)] ImmutableArray<string> CommuneCodes,
    [property: Id(1)] RolloutTemplate Template,
    [property: Id(2)] string RequestedBy);
