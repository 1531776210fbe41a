using ProvincePlatform.Contracts.Rollout;

namespace ProvincePlatform.Contracts.Communes;

/// <summary>What the platform knows of a commune beyond the official register: its help points and rollout.</summary>
/// <param name="Since">When the commune entered its rollout stage; null while it has never left <see cref="RolloutStage.NotStarted"/>.</param>
[GenerateSerializer, Immutable, Alias("pp.CommuneActivity")]
public sealed record CommuneActivity(
    [property: Id(0)] int HelpPointCount,
    [property: Id(1)] RolloutStage RolloutStage,
    [property: Id(2)] DateTimeOffset? Since = null)
{
    public static CommuneActivity None { get; } = new(0, RolloutStage.NotStarted);
}
