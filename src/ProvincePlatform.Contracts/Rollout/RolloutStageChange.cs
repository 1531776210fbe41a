namespace ProvincePlatform.Contracts.Rollout;

/// <summary>One move of a commune to a rollout stage: who moved it, when, and why.</summary>
/// <param name="By">The gateway client (its configured name) or rollout operation that made the change.</param>
[GenerateSerializer, Immutable, Alias("pp.RolloutStageChange")]
public sealed record RolloutStageChange(
    [property: Id(0)] RolloutStage Stage,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string? Note);
