using System.Collections.Immutable;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Communes;

public sealed class CommuneGrain(
    [PersistentState("commune", ProvinceStorage.Name)] IPersistentState<CommuneState> state,
    CommuneDirectory directory)
    : Grain, ICommuneGrain
{
    private string Code => this.GetPrimaryKeyString();

    public async Task<HelpPointDetails> AddHelpPointAsync(HelpPointDefinition definition)
    {
        // The id is stored before the help point opens, so a failure between the two never hands one id out twice.
        var helpPointId = HelpPointIds.Format(Code, state.State.HelpPointIds.Count + 1);
        state.State.HelpPointIds.Add(helpPointId);
        await state.WriteOrDeactivateAsync(this);

        var details = await GrainFactory.GetGrain<IHelpPointGrain>(helpPointId).OpenAsync(Code, definition);
        if (directory.Find(Code) is { } commune)
        {
            await GrainFactory.GetGrain<IProvinceGrain>(commune.ProvinceCode)
                .RecordHelpPointCountAsync(Code, state.State.HelpPointIds.Count);
        }

        return details;
    }

    public async Task<ImmutableArray<HelpPointDetails>> GetHelpPointsAsync()
    {
        var helpPoints = await Task.WhenAll(
            state.State.HelpPointIds.Select(id => GrainFactory.GetGrain<IHelpPointGrain>(id).GetAsync()));
        return [.. helpPoints.OfType<HelpPointDetails>()];
    }
}
