namespace ProvincePlatform.Contracts.Communes;

/// <summary>What the platform knows of a commune beyond the official register: its help points and rollout.</summary>
[GenerateSerializer, Immutable, Alias("pp.CommuneActivity")]
public sealed record CommuneActivity(
    [property: Id(0)] int HelpPointCount,
    [property: Id(1)] RolloutStage RolloutStage)
{
    public static CommuneActivity None { get; } = new(0, RolloutStage.NotStarted);
}
