using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Rollout;
using ProvincePlatform.Grains.Tests.HelpPoints;
using ProvincePlatform.Grains.Tests.Rollout;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>
/// Province rollouts over all 234 communes of Quảng Nam. Each test has a cluster of its own, since a rollout of the
/// whole register changes every commune. The operation's passes are driven by playing its reminder, as the reminder
/// service would (it runs on real time); a pass ends before the call that plays it returns.
/// </summary>
public sealed class RolloutOperationTests : IAsyncLifetime
{
    private readonly ClusterFixture _fixture = new();

    private IReadOnlyList<string> AllCommunes => [.. _fixture.Directory.Search(null, null).Select(commune => commune.Code)];

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task One_operation_gives_every_commune_of_Quang_Nam_the_templates_help_points_and_moves_it_to_preparing()
    {
        var progress = await RunAsync("ro-20261201-00000001", AllCommunes);

        Assert.Equal((RolloutStatus.Completed, 234, 234, 0), (progress.Status, progress.Total, progress.Provisioned, progress.Failures.Length));
        foreach (var code in AllCommunes)
        {
            await AssertProvisionedOnceAsync(code);
        }

        var activity = await _fixture.Client.GetGrain<IProvinceGrain>("49").GetCommuneActivityAsync();
        Assert.Equal(234, activity.Count);
        Assert.All(activity.Values, commune => Assert.Equal((6, RolloutStage.Preparing), (commune.HelpPointCount, commune.RolloutStage)));
    }

    [Fact]
    public async Task Running_the_rollout_again_provisions_nothing_new_and_a_commune_with_its_own_help_points_keeps_them()
    {
        await _fixture.Client.GetGrain<ICommuneGrain>("20527").AddHelpPointAsync(TestHelpPoints.VillageHouse());

        var first = await RunAsync("ro-20261201-00000002", AllCommunes);
        var second = await RunAsync("ro-20261201-00000003", AllCommunes);

        Assert.Equal((233, 1), (first.Provisioned, first.Skipped));
        Assert.Equal((RolloutStatus.Completed, 0, 234), (second.Status, second.Provisioned, second.Skipped));
        Assert.Single(await _fixture.Client.GetGrain<ICommuneGrain>("20527").GetHelpPointsAsync());
        var ownRollout = await _fixture.Client.GetGrain<ICommuneGrain>("20527").GetRolloutAsync();
        Assert.Equal(RolloutStage.Preparing, Assert.Single(ownRollout.History).Stage);
        foreach (var code in AllCommunes.Where(code => code != "20527"))
        {
            await AssertProvisionedOnceAsync(code);
        }
    }

    [Fact]
    public async Task An_operation_interrupted_by_a_silo_stop_finishes_on_another_silo_and_opens_nothing_twice()
    {
        // A storage outage for 30 communes, and for one help point of another commune, so that the first pass ends
        // with those communes pending, one of them with some of its help points opened and some not.
        var outage = AllCommunes.Skip(100).Take(30).ToHashSet();
        const string halfDone = "20527";
        _fixture.StoredStates.RefuseWrite = state =>
            state is CommuneState commune && commune.HelpPointIds.Exists(id => outage.Contains(id[..5]))
            || state is HelpPointState { CommuneCode: halfDone, Definition.Name: "Điểm hỗ trợ nhà văn hóa số 3" };
        const string operationId = "ro-20261201-00000004";
        var operation = _fixture.Client.GetGrain<IRolloutOperationGrain>(operationId);
        await operation.StartAsync(new RolloutOrder([.. AllCommunes], TestTemplates.DaiThanh, "province-it"));
        await TickAsync(operationId);

        var midway = (await operation.GetAsync())!;
        Assert.Equal((RolloutStatus.Running, 234 - 31, 0), (midway.Status, midway.Done, midway.Failures.Length));
        Assert.Equal(5, (await _fixture.Client.GetGrain<ICommuneGrain>(halfDone).GetHelpPointsAsync()).Length);

        var host = await _fixture.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(operation);
        await _fixture.Cluster.StopSiloAsync(_fixture.Cluster.Silos.Single(silo => silo.SiloAddress.Equals(host)));
        await _fixture.Cluster.StartAdditionalSiloAsync();
        _fixture.StoredStates.RefuseWrite = _ => false;
        await DeliverRemindersAsync();

        var finished = (await operation.GetAsync())!;
        Assert.Equal((RolloutStatus.Completed, 234, 0), (finished.Status, finished.Provisioned, finished.Failures.Length));
        foreach (var code in AllCommunes)
        {
            await AssertProvisionedOnceAsync(code);
        }

        Assert.Null(await _fixture.Reminders.ReadRow(operation.GetGrainId(), RolloutOperationGrain.WorkReminder));
    }

    [Fact]
    public async Task A_commune_that_keeps_failing_is_given_up_with_its_reason_while_the_others_finish()
    {
        _fixture.StoredStates.RefuseWrite = state => state is CommuneState commune && commune.HelpPointIds.Exists(id => id.StartsWith("20530-", StringComparison.Ordinal));
        const string operationId = "ro-20261201-00000005";
        var operation = _fixture.Client.GetGrain<IRolloutOperationGrain>(operationId);
        await operation.StartAsync(new RolloutOrder(["20527", "20530", "20533"], TestTemplates.DaiThanh, "province-it"));

        for (var pass = 0; pass < RolloutOperationState.MaxAttempts; pass++)
        {
            await TickAsync(operationId);
        }

        var progress = (await operation.GetAsync())!;
        Assert.Equal((RolloutStatus.CompletedWithFailures, 2, 3), (progress.Status, progress.Provisioned, progress.Total));
        var failure = Assert.Single(progress.Failures);
        Assert.Equal("20530", failure.CommuneCode);
        Assert.Contains("StorageUnavailableException", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_change_of_stage_is_kept_with_who_and_when_and_shown_in_the_province_read_model()
    {
        var commune = _fixture.Client.GetGrain<ICommuneGrain>("20536");

        await commune.MoveRolloutStageAsync(RolloutStage.Piloting, "province-it", "Thí điểm tháng 12");
        _fixture.Clock.Advance(TimeSpan.FromDays(7));
        var active = await commune.MoveRolloutStageAsync(RolloutStage.Active, "province-it", null);
        var again = await commune.MoveRolloutStageAsync(RolloutStage.Active, "ops", null);
        var undone = await commune.MoveRolloutStageAsync(RolloutStage.NotStarted, "province-it", null);

        Assert.Equal([RolloutStage.Piloting, RolloutStage.Active], active.Value!.History.Select(change => change.Stage));
        Assert.Equal(_fixture.Clock.GetUtcNow(), active.Value.Since);
        Assert.Equal("Thí điểm tháng 12", active.Value.History[0].Note);
        Assert.Equal(2, again.Value!.History.Length);
        Assert.Equal(Contracts.Common.RefusalCode.RolloutStageNotAllowed, undone.Refusal?.Code);
        var activity = (await _fixture.Client.GetGrain<IProvinceGrain>("49").GetCommuneActivityAsync())["20536"];
        Assert.Equal((RolloutStage.Active, active.Value.Since), (activity.RolloutStage, activity.Since));
    }

    private async Task<RolloutProgress> RunAsync(string operationId, IReadOnlyList<string> communeCodes)
    {
        var operation = _fixture.Client.GetGrain<IRolloutOperationGrain>(operationId);
        await operation.StartAsync(new RolloutOrder([.. communeCodes], TestTemplates.DaiThanh, "province-it"));
        await TickAsync(operationId);
        return (await operation.GetAsync())!;
    }

    private Task TickAsync(string operationId) =>
        _fixture.Client.GetGrain<IRolloutOperationGrain>(operationId).AsReference<IRemindable>()
            .ReceiveReminder(RolloutOperationGrain.WorkReminder, default);

    /// <summary>Ticks every rollout reminder the durable table holds, as the reminder service of whichever silo owns it would.</summary>
    private async Task DeliverRemindersAsync()
    {
        foreach (var reminder in _fixture.Reminders.All.Where(reminder => reminder.ReminderName == RolloutOperationGrain.WorkReminder))
        {
            await _fixture.Client.GetGrain<IRemindable>(reminder.GrainId).ReceiveReminder(reminder.ReminderName, default);
        }
    }

    private async Task AssertProvisionedOnceAsync(string communeCode)
    {
        var commune = _fixture.Client.GetGrain<ICommuneGrain>(communeCode);
        var helpPoints = await commune.GetHelpPointsAsync();
        Assert.Equal(Enumerable.Range(1, 6).Select(n => HelpPointIds.Format(communeCode, n)), helpPoints.Select(helpPoint => helpPoint.Id));
        Assert.Equal(1, helpPoints.Count(helpPoint => helpPoint.Definition.Kind == HelpPointKind.CommuneOffice));
        var rollout = await commune.GetRolloutAsync();
        Assert.Equal(RolloutStage.Preparing, Assert.Single(rollout.History).Stage);
    }
}
