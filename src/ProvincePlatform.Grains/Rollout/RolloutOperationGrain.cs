using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Rollout;

/// <summary>
/// Works through a rollout's communes a batch at a time, storing progress after each batch. A durable reminder
/// brings the work back after a silo failure and retries communes that failed; the operation ends when every commune
/// is provisioned, skipped, or given up on after <see cref="RolloutOperationState.MaxAttempts"/> attempts. Every
/// commune call is idempotent, so a batch redone after a crash opens nothing twice.
/// </summary>
public sealed partial class RolloutOperationGrain(
    [PersistentState("rollout", ProvinceStorage.Name)] IPersistentState<RolloutOperationState> state,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock,
    ILogger<RolloutOperationGrain> logger)
    : Grain, IRolloutOperationGrain, IRemindable
{
    public const string WorkReminder = "rollout";

    /// <summary>Communes provisioned at once: enough to keep storage busy, few enough to leave room for citizens.</summary>
    public const int BatchSize = 32;

    private const int MaxReasonLength = 300;

    private IGrainTimer? _kick;

    private RolloutOperationState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    public async Task<RolloutProgress> StartAsync(RolloutOrder order)
    {
        if (State.IsStarted)
        {
            return State.Progress(Id);
        }

        State.Order = order;
        State.StartedAt = VietnamTime.Now(clock);
        await state.WriteOrDeactivateAsync(this);
        // Registered before the first pass, so that the work survives a silo that dies before the pass ends.
        await this.RegisterOrUpdateReminder(WorkReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        LogStarted(logger, Id, order.CommuneCodes.Length, order.RequestedBy);
        _kick = this.RegisterGrainTimer(_ => WorkAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return State.Progress(Id);
    }

    public Task<RolloutProgress?> GetAsync() => Task.FromResult(State.IsStarted ? State.Progress(Id) : null);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == WorkReminder ? WorkAsync() : Task.CompletedTask;

    /// <summary>One pass over the communes still pending: each is tried once, and progress is stored batch by batch.</summary>
    private async Task WorkAsync()
    {
        if (!State.IsStarted || State.FinishedAt is not null)
        {
            await ForgetReminderAsync();
            return;
        }

        foreach (var batch in State.Pending().ToList().Chunk(BatchSize))
        {
            await Task.WhenAll(batch.Select(ProvisionAsync));
            await state.WriteOrDeactivateAsync(this);
        }

        if (State.TryFinish(VietnamTime.Now(clock)))
        {
            await state.WriteOrDeactivateAsync(this);
            await ForgetReminderAsync();
            var progress = State.Progress(Id);
            LogFinished(logger, Id, progress.Status, progress.Provisioned, progress.Skipped, progress.Failures.Length);
        }
    }

    private async Task ProvisionAsync(string communeCode)
    {
        try
        {
            var result = await GrainFactory.GetGrain<ICommuneGrain>(communeCode)
                .ProvisionAsync(State.Order!.Template, $"{State.Order.RequestedBy} (rollout {Id})");
            State.RecordDone(communeCode, result);
        }
#pragma warning disable CA1031 // Whatever stopped one commune is recorded for it; the others go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var reason = $"{exception.GetType().Name}: {exception.Message}";
            State.RecordAttemptFailed(communeCode, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
            LogCommuneFailed(logger, exception, Id, communeCode);
        }
    }

    private async Task ForgetReminderAsync()
    {
        _kick?.Dispose();
        if (await this.GetReminder(WorkReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {OperationId}: started for {CommuneCount} communes by {RequestedBy}")]
    private static partial void LogStarted(ILogger logger, string operationId, int communeCount, string requestedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {OperationId}: commune {CommuneCode} failed this attempt")]
    private static partial void LogCommuneFailed(ILogger logger, Exception exception, string operationId, string communeCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {OperationId}: {Status}, {Provisioned} provisioned, {Skipped} skipped, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string operationId, RolloutStatus status, int provisioned, int skipped, int failed);
}
