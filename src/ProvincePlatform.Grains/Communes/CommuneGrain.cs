using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Rollout;

namespace ProvincePlatform.Grains.Communes;

public sealed class CommuneGrain(
    [PersistentState("commune", ProvinceStorage.Name)] IPersistentState<CommuneState> state,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock,
    CommuneDirectory directory)
    : Grain, ICommuneGrain
{
    private CommuneState State => state.State;

    private string Code => this.GetPrimaryKeyString();

    public async Task<HelpPointDetails> AddHelpPointAsync(HelpPointDefinition definition)
    {
        // The id is stored before the help point opens, so a failure between the two never hands one id out twice.
        var helpPointId = NextHelpPointId();
        State.HelpPointIds.Add(helpPointId);
        await state.WriteOrDeactivateAsync(this);

        var details = await GrainFactory.GetGrain<IHelpPointGrain>(helpPointId).OpenAsync(Code, definition);
        await TellProvinceAsync(province => province.RecordHelpPointCountAsync(Code, State.HelpPointIds.Count));
        return details;
    }

    public async Task<ImmutableArray<HelpPointDetails>> GetHelpPointsAsync()
    {
        var helpPoints = await Task.WhenAll(
            State.HelpPointIds.Select(id => GrainFactory.GetGrain<IHelpPointGrain>(id).GetAsync()));
        return [.. helpPoints.OfType<HelpPointDetails>()];
    }

    public async Task<ProvisionResult> ProvisionAsync(RolloutTemplate template, string by)
    {
        if (State.PendingOpenings.Count == 0)
        {
            if (State.HelpPointIds.Count > 0)
            {
                // Its help points stay as they are, but the commune is now part of the rollout.
                await EnterRolloutAsync(by);
                return State.ProvisionedBy == by ? ProvisionResult.Provisioned : ProvisionResult.Skipped;
            }

            var definitions = RolloutTemplates.Expand(template, directory.Find(Code)!);
            State.PendingOpenings.AddRange(definitions);
            State.HelpPointIds.AddRange(definitions.Select(_ => NextHelpPointId()));
            State.ProvisionedBy = by;
            StartRollout(by);
            await state.WriteOrDeactivateAsync(this);
        }

        var pendingIds = State.HelpPointIds[^State.PendingOpenings.Count..];
        await Task.WhenAll(pendingIds.Zip(State.PendingOpenings, (id, definition) =>
            GrainFactory.GetGrain<IHelpPointGrain>(id).OpenAsync(Code, definition)));
        State.PendingOpenings.Clear();
        await state.WriteOrDeactivateAsync(this);

        await TellProvinceAsync(async province =>
        {
            await province.RecordHelpPointCountAsync(Code, State.HelpPointIds.Count);
            await province.RecordRolloutStageAsync(Code, State.Stage, State.StageSince!.Value);
        });
        return ProvisionResult.Provisioned;
    }

    public Task<CommuneRollout> GetRolloutAsync() => Task.FromResult(Rollout());

    public async Task<Outcome<CommuneRollout>> MoveRolloutStageAsync(RolloutStage stage, string by, string? note)
    {
        if (stage == State.Stage)
        {
            return Rollout();
        }

        if (RolloutRules.CheckMove(State.Stage, stage) is { } refusal)
        {
            return refusal;
        }

        var change = new RolloutStageChange(stage, VietnamTime.Now(clock), by, note);
        State.RolloutHistory.Add(change);
        await state.WriteOrDeactivateAsync(this);
        await TellProvinceAsync(province => province.RecordRolloutStageAsync(Code, stage, change.At));
        return Rollout();
    }

    /// <summary>Moves a commune the rollout reaches to <see cref="RolloutStage.Preparing"/>, unless it has started already.</summary>
    private bool StartRollout(string by)
    {
        if (State.Stage != RolloutStage.NotStarted)
        {
            return false;
        }

        State.RolloutHistory.Add(new RolloutStageChange(RolloutStage.Preparing, VietnamTime.Now(clock), by, null));
        return true;
    }

    private async Task EnterRolloutAsync(string by)
    {
        if (StartRollout(by))
        {
            await state.WriteOrDeactivateAsync(this);
            await TellProvinceAsync(province => province.RecordRolloutStageAsync(Code, State.Stage, State.StageSince!.Value));
        }
    }

    private string NextHelpPointId() => HelpPointIds.Format(Code, State.HelpPointIds.Count + 1);

    private CommuneRollout Rollout() => new(Code, State.Stage, State.StageSince, [.. State.RolloutHistory]);

    /// <summary>Keeps the province's read model current; a commune outside the register has none.</summary>
    private Task TellProvinceAsync(Func<IProvinceGrain, Task> update) =>
        directory.Find(Code) is { } commune ? update(GrainFactory.GetGrain<IProvinceGrain>(commune.ProvinceCode)) : Task.CompletedTask;
}
