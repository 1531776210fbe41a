using System.Collections.Immutable;
using ProvincePlatform.Contracts.Rollout;

namespace ProvincePlatform.Contracts.Communes;

/// <summary>
/// The read model of one province (keyed by its two-digit code): the activity of each of its communes, so that
/// listing a province's communes is one grain call rather than one per commune.
/// </summary>
[Alias("pp.IProvinceGrain")]
public interface IProvinceGrain : IGrainWithStringKey
{
    /// <summary>Records how many help points a commune now has.</summary>
    [Alias("RecordHelpPointCount")]
    Task RecordHelpPointCountAsync(string communeCode, int helpPointCount);

    /// <summary>Records the rollout stage a commune is now in, and since when.</summary>
    [Alias("RecordRolloutStage")]
    Task RecordRolloutStageAsync(string communeCode, RolloutStage stage, DateTimeOffset since);

    /// <summary>The activity of every commune of the province that has any.</summary>
    [Alias("GetCommuneActivity")]
    Task<ImmutableDictionary<string, CommuneActivity>> GetCommuneActivityAsync();
}
