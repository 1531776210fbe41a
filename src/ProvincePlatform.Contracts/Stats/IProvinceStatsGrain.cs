namespace ProvincePlatform.Contracts.Stats;

/// <summary>Adds up the stats of every commune with help points, of the register or of one district.</summary>
[Alias("pp.IProvinceStatsGrain")]
public interface IProvinceStatsGrain : IGrainWithIntegerKey
{
    /// <summary>One slice per commune that has help points, in register order, and their merged totals and weeks.</summary>
    [Alias("Get")]
    Task<ProvinceStats> GetAsync(DateOnly from, DateOnly to, string? districtCode);
}
