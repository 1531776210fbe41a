namespace ProvincePlatform.Contracts.Rollout;

/// <summary>How far a commune has come in replicating the help point model.</summary>
[GenerateSerializer, Alias("pp.RolloutStage")]
public enum RolloutStage
{
    NotStarted,
    Preparing,
    Piloting,
    Active,
    Paused,
}
