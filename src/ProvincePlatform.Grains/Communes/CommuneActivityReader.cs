using ProvincePlatform.Contracts.Communes;

namespace ProvincePlatform.Grains.Communes;

public static class CommuneActivityReader
{
    /// <summary>The activity of communes: one call per province, never one per commune (the national list is ten thousand).</summary>
    public static async Task<Dictionary<string, CommuneActivity>> ActivityOfAsync(this IGrainFactory grains, IEnumerable<Commune> communes)
    {
        var perProvince = await Task.WhenAll(communes.Select(commune => commune.ProvinceCode).Distinct()
            .Select(code => grains.GetGrain<IProvinceGrain>(code).GetCommuneActivityAsync()));
        return perProvince.SelectMany(activity => activity).ToDictionary(pair => pair.Key, pair => pair.Value);
    }
}
