namespace ProvincePlatform.Grains.Stats;

/// <summary>The stored state of one commune's stats. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.CommuneStatsState")]
public sealed class CommuneStatsState
{
    /// <summary>What each help point of the commune has reported, by help point id.</summary>
    [Id(0)]
    public Dictionary<string, HelpPointRecord> HelpPoints { get; set; } = [];
}
