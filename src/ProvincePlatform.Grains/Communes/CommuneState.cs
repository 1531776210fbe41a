using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;

namespace ProvincePlatform.Grains.Communes;

/// <summary>The stored state of one commune. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.CommuneState")]
public sealed class CommuneState
{
    /// <summary>The commune's help point ids in the order they were opened; an id, once given, is never reused.</summary>
    [Id(0)]
    public List<string> HelpPointIds { get; set; } = [];

    /// <summary>Every change of rollout stage, oldest first; the last one is the stage the commune is in.</summary>
    [Id(1)]
    public List<RolloutStageChange> RolloutHistory { get; set; } = [];

    /// <summary>
    /// Help points a rollout has given ids to (the last ones of <see cref="HelpPointIds"/>) but not yet seen opened.
    /// Stored before they open, so provisioning interrupted half way finishes with the same ids, never twice.
    /// </summary>
    [Id(2)]
    public List<HelpPointDefinition> PendingOpenings { get; set; } = [];

    /// <summary>Who provisioned the commune from a template, so that the same operation asking again is told it did.</summary>
    [Id(3)]
    public string? ProvisionedBy { get; set; }

    public RolloutStage Stage => RolloutHistory.Count == 0 ? RolloutStage.NotStarted : RolloutHistory[^1].Stage;

    public DateTimeOffset? StageSince => RolloutHistory.Count == 0 ? null : RolloutHistory[^1].At;
}
