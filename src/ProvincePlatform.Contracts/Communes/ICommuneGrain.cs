using System.Collections.Immutable;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;

namespace ProvincePlatform.Contracts.Communes;

/// <summary>One commune (keyed by its five-digit official code): owns the list of its help points and its rollout.</summary>
[Alias("pp.ICommuneGrain")]
public interface ICommuneGrain : IGrainWithStringKey
{
    /// <summary>Opens a new help point in this commune and returns it with its new id.</summary>
    [Alias("AddHelpPoint")]
    Task<HelpPointDetails> AddHelpPointAsync(HelpPointDefinition definition);

    /// <summary>Lists the commune's help points in the order they were opened.</summary>
    [Alias("GetHelpPoints")]
    Task<ImmutableArray<HelpPointDetails>> GetHelpPointsAsync();

    /// <summary>
    /// Opens the help points a rollout template describes, unless the commune already has help points, and moves a
    /// commune that had not started to <see cref="RolloutStage.Preparing"/>. Safe to repeat, also after a failure half
    /// way: it never opens a help point twice.
    /// </summary>
    [Alias("Provision")]
    Task<ProvisionResult> ProvisionAsync(RolloutTemplate template, string by);

    /// <summary>Where the commune stands in the rollout, with its history.</summary>
    [Alias("GetRollout")]
    Task<CommuneRollout> GetRolloutAsync();

    /// <summary>Moves the commune to a rollout stage; moving to the stage it is in changes nothing.</summary>
    [Alias("MoveRolloutStage")]
    Task<Outcome<CommuneRollout>> MoveRolloutStageAsync(RolloutStage stage, string by, string? note);
}
