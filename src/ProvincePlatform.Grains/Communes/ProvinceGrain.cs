using System.Collections.Immutable;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Communes;

public sealed class ProvinceGrain(
    [PersistentState("province", ProvinceStorage.Name)] IPersistentState<ProvinceState> state)
    : Grain, IProvinceGrain
{
    public async Task RecordHelpPointCountAsync(string communeCode, int helpPointCount)
    {
        var current = state.State.Communes.GetValueOrDefault(communeCode, CommuneActivity.None);
        if (current.HelpPointCount == helpPointCount)
        {
            return;
        }

        state.State.Communes[communeCode] = current with { HelpPointCount = helpPointCount };
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<ImmutableDictionary<string, CommuneActivity>> GetCommuneActivityAsync() =>
        Task.FromResult(state.State.Communes.ToImmutableDictionary());
}
