using ProvincePlatform.Contracts.Communes;

namespace ProvincePlatform.Grains.Communes;

/// <summary>The stored state of one province's read model. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.ProvinceState")]
public sealed class ProvinceState
{
    /// <summary>The activity of each commune that has any, by commune code.</summary>
    [Id(0)]
    public Dictionary<string, CommuneActivity> Communes { get; set; } = [];
}
