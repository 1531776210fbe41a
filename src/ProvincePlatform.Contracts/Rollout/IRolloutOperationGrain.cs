using Orleans.Concurrency;

namespace ProvincePlatform.Contracts.Rollout;

/// <summary>
/// One province rollout operation (keyed by its id): provisions help points in many communes and keeps its progress,
/// so that it finishes even when the silo running it stops half way.
/// </summary>
[Alias("pp.IRolloutOperationGrain")]
public interface IRolloutOperationGrain : IGrainWithStringKey
{
    /// <summary>Starts the operation; repeating the call answers the operation already started.</summary>
    [Alias("Start")]
    Task<RolloutProgress> StartAsync(RolloutOrder order);

    /// <summary>The progress, or null when no operation has this id. Answers while a pass is running.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<RolloutProgress?> GetAsync();
}
