using System.Collections.Immutable;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Communes;

public sealed class ProvinceGrain(
    [PersistentState("province", ProvinceStorage.Name)] IPersistentState<ProvinceState> state)
    : Grain, IProvinceGrain
{
    public Task RecordHelpPointCountAsync(string communeCode, int helpPointCount) =>
        UpdateAsync(communeCode, current => current with { HelpPointCount = helpPointCount });

    public Task RecordRolloutStageAsync(string communeCode, RolloutStage stage, DateTimeOffset since) =>
        UpdateAsync(communeCode, current => current with { RolloutStage = stage, Since = since });

    public Task<ImmutableDictionary<string, CommuneActivity>> GetCommuneActivityAsync() =>
        Task.FromResult(state.State.Communes.ToImmutableDictionary());

    private async Task UpdateAsync(string communeCode, Func<CommuneActivity, CommuneActivity> change)
    {
        var current = state.State.Communes.GetValueOrDefault(communeCode, CommuneActivity.None);
        var changed = change(current);
        if (changed == current)
        {
            return;
        }

        state.State.Communes[communeCode] = changed;
        await state.WriteOrDeactivateAsync(this);
    }
}
