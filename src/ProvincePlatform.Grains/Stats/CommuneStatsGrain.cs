using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Stats;

public sealed class CommuneStatsGrain(
    [PersistentState("stats", ProvinceStorage.Name)] IPersistentState<CommuneStatsState> state,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock)
    : Grain, ICommuneStatsGrain
{
    private string Code => this.GetPrimaryKeyString();

    public async Task ReportAsync(HelpPointReport report)
    {
        var record = state.State.HelpPoints.GetValueOrDefault(report.HelpPointId) ?? new HelpPointRecord();
        if (record.Apply(report))
        {
            state.State.HelpPoints[report.HelpPointId] = record;
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public async Task<StatsSlice> GetAsync(DateOnly from, DateOnly to)
    {
        var requests = await GrainFactory.GetGrain<IRequestRegisterGrain>(Code).CountAsync(from, to);
        return StatsCalculator.Slice(Code, from, to, clock.GetUtcNow(), state.State.HelpPoints, requests);
    }
}
