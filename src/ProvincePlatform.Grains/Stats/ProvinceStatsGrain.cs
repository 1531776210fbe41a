using System.Collections.Immutable;
using Orleans.Concurrency;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Grains.Stats;

/// <summary>
/// Gathers the stats of the communes that have help points (communes without any have nothing to count) and merges
/// them. Stateless, so reads run side by side on every silo.
/// </summary>
[StatelessWorker]
public sealed class ProvinceStatsGrain(CommuneDirectory directory) : Grain, IProvinceStatsGrain
{
    /// <summary>Commune reads in flight at once: a country-wide read must not flood the cluster.</summary>
    private const int Parallelism = 64;

    public async Task<ProvinceStats> GetAsync(DateOnly from, DateOnly to, string? districtCode)
    {
        var communes = directory.Search(districtCode, null).ToList();
        var activity = await GrainFactory.ActivityOfAsync(communes);
        var active = communes.Where(commune => activity.GetValueOrDefault(commune.Code)?.HelpPointCount > 0).ToList();

        var slices = new List<StatsSlice>(active.Count);
        foreach (var batch in active.Chunk(Parallelism))
        {
            slices.AddRange(await Task.WhenAll(batch.Select(commune =>
                GrainFactory.GetGrain<ICommuneStatsGrain>(commune.Code).GetAsync(from, to))));
        }

        var (totals, weeks) = StatsCalculator.Merge(from, to, slices);
        var districts = active.Zip(slices).GroupBy(pair => pair.First.DistrictCode)
            .Select(district => new DistrictStats(
                district.Key, StatsCalculator.Merge(from, to, [.. district.Select(pair => pair.Second)]).Totals));
        return new ProvinceStats(
            from, to, totals, WithoutFingerprints(weeks),
            [.. slices.Select(slice => slice with { Weeks = WithoutFingerprints(slice.Weeks) })],
            [.. districts]);
    }

    private static ImmutableArray<WeekSlice> WithoutFingerprints(
        ImmutableArray<WeekSlice> weeks) =>
        [.. weeks.Select(week => week with { Guided = [] })];
}
