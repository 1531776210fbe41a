using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Services;
using ProvincePlatform.Grains.Telemetry;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Grains.Requests;

/// <summary>
/// Orchestrates one request: drafts and edits, and the filing with the portal through the outbox in its state.
/// Not reentrant (only reads interleave), so concurrent submits and portal attempts never overlap: one filing is
/// queued however often submit is called, and each attempt reconciles by client reference before it retries.
/// </summary>
public sealed partial class CitizenRequestGrain(
    [PersistentState("request", ProvinceStorage.Name)] IPersistentState<CitizenRequestState> state,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock,
    IPortalClient portal,
    CitizenKeys citizenKeys,
    ICitizenIndex citizenIndex,
    IOptions<SubmissionOptions> options,
    ProvinceMetrics metrics,
    ILogger<CitizenRequestGrain> logger)
    : Grain, ICitizenRequestGrain, IRemindable
{
    public const string PortalReminder = "portal";

    private readonly AimedReminder _portalReminder = new(PortalReminder, backstop: TimeSpan.FromMinutes(10));
    private IGrainTimer? _kick;
    private RequestView? _stored;

    private CitizenRequestState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    private SubmissionOptions Options => options.Value;

    public async Task<Outcome<RequestView>> CreateAsync(NewRequest request)
    {
        if (State.IsCreated)
        {
            return View();
        }

        if (request.BookingId is { } bookingId && !await IsBookingOfAsync(bookingId, request))
        {
            return new Refusal(RefusalCode.BookingNotForRequest, "bookingId",
                "The booking does not exist, or belongs to another citizen or commune.");
        }

        State.Open(request, VietnamTime.Now(clock));
        await PersistAsync();
        await IndexAsync(() => citizenIndex.AddAsync(citizenKeys.KeyOf(request.Citizen.IdNumber), CitizenResource.Request, Id));
        return View();
    }

    /// <remarks>
    /// Interleaves with a portal call in flight, so it answers from the last view that was stored, never from state
    /// that is changed in memory but not yet written (and may never be, if the write fails).
    /// </remarks>
    public Task<RequestView?> GetAsync() => Task.FromResult(_stored);

    /// <summary>
    /// A filing stored as owed is taken up again at once: its reminder may never have been registered (the silo died,
    /// or the reminder table was unreachable, right after the filing was stored).
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = State.IsCreated ? View() : null;
        ReportOutbox();
        if (State.Outbox is not null)
        {
            KickWork();
        }

        return Task.CompletedTask;
    }

    /// <summary>The outbox gauges count active requests only; another silo may activate this one next.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.PendingFilingIs(Id, null);
        return Task.CompletedTask;
    }

    public async Task<Outcome<RequestView>> UpdateFormAsync(ImmutableDictionary<string, string> form)
    {
        if (!State.IsCreated)
        {
            return new Refusal(RefusalCode.RequestNotFound);
        }

        if (State.CheckEditable() is { } refusal)
        {
            return refusal;
        }

        State.Form = new Dictionary<string, string>(form);
        await PersistAsync();
        return View();
    }

    public async Task<Outcome<RequestView>> SubmitAsync(string? idempotencyKey)
    {
        if (!State.IsCreated)
        {
            return new Refusal(RefusalCode.RequestNotFound);
        }

        var service = ServiceCatalogue.Find(State.ServiceCode)!;
        var begun = State.BeginSubmission(Id, service, idempotencyKey, VietnamTime.Now(clock));
        if (!begun.Succeeded)
        {
            return begun.Refusal;
        }

        if (begun.Value)
        {
            await AimBeforeQueuingAsync();
            await PersistAsync();
            LogQueued(logger, Id);
        }

        if (State.Outbox is not null)
        {
            // The first attempt starts at once, after this call has answered; the reminder covers everything after.
            // A repeated submit starts one too, in case the filing it finds queued has lost its reminder.
            await _portalReminder.AimOrLogAsync(this, State.NextPortalActionAt(), VietnamTime.Now(clock), logger);
            KickWork();
        }

        return View();
    }

    /// <summary>
    /// Registers the durable reminder before the filing is stored as owed, so that a stored filing always has one.
    /// When the reminder table cannot be reached, nothing is accepted: the in-memory change is dropped with the
    /// activation and the caller is told to retry.
    /// </summary>
    private async Task AimBeforeQueuingAsync()
    {
        try
        {
            await _portalReminder.AimAsync(this, State.NextPortalActionAt(), VietnamTime.Now(clock));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            DeactivateOnIdle();
            throw new StorageUnavailableException($"The filing's reminder was not registered ({exception.GetType().Name}); nothing was accepted.");
        }
    }

    private void KickWork()
    {
        _kick?.Dispose();
        _kick = this.RegisterGrainTimer(_ => WorkAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _portalReminder.Forget();
        return reminderName == PortalReminder && State.IsCreated ? WorkAsync() : Task.CompletedTask;
    }

    /// <summary>Does what is due with the portal: the owed filing, else a status poll.</summary>
    private async Task WorkAsync()
    {
        var now = VietnamTime.Now(clock);
        if (State.Outbox is { } call && call.NextAttemptAt <= now)
        {
            await AttemptAsync(call);
        }
        else if (State.Outbox is null && State.NextPollAt <= now && State.PortalReceipt is { } receipt)
        {
            await PollAsync(receipt);
        }

        await _portalReminder.AimOrLogAsync(this, State.NextPortalActionAt(), VietnamTime.Now(clock), logger);
    }

    private async Task AttemptAsync(PortalCall call)
    {
        State.StartAttempt();
        await PersistAsync();
        if (call.Attempts > 0)
        {
            // An earlier attempt that got no clear answer may have landed: ask before filing again.
            var found = await TimedAsync("lookup", () => portal.FindByClientReferenceAsync(ReconciliationReference(call), CancellationToken.None));
            if (found.Outcome != PortalOutcome.Succeeded)
            {
                await RecordFailureAsync($"reconciliation: {found.Outcome}");
                return;
            }

            if (found.Value is { } dossier && Landed(call, dossier))
            {
                await RecordFiledAsync(dossier, reconciled: true);
                return;
            }
        }

        var result = await TimedAsync("file", () => call.Kind == PortalCallKind.Submit
            ? portal.SubmitAsync(Dossier(call.ClientReference), CancellationToken.None)
            : portal.SubmitSupplementAsync(State.PortalReceipt!, call.ClientReference, State.Form, CancellationToken.None));
        switch (result.Outcome)
        {
            case PortalOutcome.Succeeded:
                await RecordFiledAsync(result.Value!, reconciled: false);
                break;
            case PortalOutcome.Refused:
                State.RecordRefused($"Cổng DVC từ chối / The portal refused: {result.Reason}", VietnamTime.Now(clock));
                await PersistAsync();
                metrics.FilingRefused();
                LogRefused(logger, Id);
                break;
            default:
                await RecordFailureAsync($"{result.Outcome}: {result.Reason}");
                break;
        }
    }

    private async Task PollAsync(string receipt)
    {
        var result = await TimedAsync("status", () => portal.GetStatusAsync(receipt, CancellationToken.None));
        if (result.Outcome == PortalOutcome.Succeeded)
        {
            State.ApplyPortalState(result.Value!, VietnamTime.Now(clock), Options);
        }
        else
        {
            State.PostponePoll(VietnamTime.Now(clock), Options);
        }

        await PersistAsync();
    }

    private async Task RecordFiledAsync(PortalDossierState dossier, bool reconciled)
    {
        State.RecordFiled(dossier, VietnamTime.Now(clock), Options);
        await PersistAsync();
        metrics.Filed();
        LogFiled(logger, Id, reconciled);
    }

    private async Task RecordFailureAsync(string failure)
    {
        State.RecordAttemptFailed(failure, VietnamTime.Now(clock), Options);
        await PersistAsync();
        metrics.FilingRetried();
        LogAttemptFailed(logger, Id, failure);
    }

    /// <summary>A supplement is found through its dossier, whose supplement count tells whether it arrived.</summary>
    private string ReconciliationReference(PortalCall call) => call.Kind == PortalCallKind.Submit ? call.ClientReference : Id;

    private bool Landed(PortalCall call, PortalDossierState dossier) =>
        call.Kind == PortalCallKind.Submit || dossier.SupplementCount > State.SupplementsSent;

    private PortalDossier Dossier(string clientReference) => new(
        clientReference, State.ServiceCode, State.CommuneCode!,
        new PortalApplicant(State.Citizen!.IdNumber, State.Citizen.FullName, State.Citizen.Phone),
        State.Form);

    private async Task<bool> IsBookingOfAsync(string bookingId, NewRequest request)
    {
        if (!BookingIds.TryGetHelpPointId(bookingId, out var helpPointId))
        {
            return false;
        }

        var booking = await GrainFactory.GetGrain<IHelpPointGrain>(helpPointId).GetBookingAsync(bookingId);
        return booking.Succeeded && helpPointId.StartsWith(request.CommuneCode + "-", StringComparison.Ordinal)
            && booking.Value!.Citizen.IdNumber == request.Citizen.IdNumber;
    }

    /// <summary>Writes the state (see <see cref="PersistentStateExtensions.WriteOrDeactivateAsync{TState}"/>), then updates the commune's index of requests.</summary>
    private async Task PersistAsync()
    {
        await state.WriteOrDeactivateAsync(this);
        _stored = View();
        ReportOutbox();
        // Aimed with every write, so the reminder follows the filing's next deadline.
        await _portalReminder.AimOrLogAsync(this, State.NextPortalActionAt(), VietnamTime.Now(clock), logger);
        await IndexAsync(() => GrainFactory.GetGrain<IRequestRegisterGrain>(State.CommuneCode!).RecordAsync(_stored.Summary()));
    }

    /// <summary>
    /// Updates an index (the commune's register, the citizen's footprint). The request is already stored and stands
    /// on its own, so a failure here is logged for ops and mended by the next write, not turned into a refusal of a
    /// change that was in fact made (which a retrying client would then make twice).
    /// </summary>
    private async Task IndexAsync(Func<Task> update)
    {
        try
        {
            await update();
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or StorageUnavailableException)
        {
            LogIndexMissed(logger, exception, Id);
        }
    }

    /// <summary>
    /// Tells the outbox gauges about this request. A request with a pending filing stays active between retries,
    /// so that the gauges, which count active requests, count every pending filing.
    /// </summary>
    private void ReportOutbox()
    {
        metrics.PendingFilingIs(Id, State.Outbox is { } call ? call.QueuedAt ?? State.CreatedAt : null);
        if (State.Outbox is not null)
        {
            DelayDeactivation(Options.MaxRetryDelay * 2);
        }
    }

    /// <summary>Calls the portal and records how long it took (real time: the portal's latency is not domain time).</summary>
    private async Task<PortalResult<T>> TimedAsync<T>(string operation, Func<Task<PortalResult<T>>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        metrics.PortalAnswered(operation, result.Outcome, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private RequestView View() => new(
        Id, State.CommuneCode!, State.ServiceCode, State.Status, [.. State.History], State.PortalReceipt, State.BookingId,
        State.Citizen!, State.Form.ToImmutableDictionary(), State.CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} was stored but an index of it was not updated")]
    private static partial void LogIndexMissed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: filing queued")]
    private static partial void LogQueued(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: filed with the portal (found by reconciliation: {Reconciled})")]
    private static partial void LogFiled(ILogger logger, string requestId, bool reconciled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the portal refused the filing for good")]
    private static partial void LogRefused(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: portal attempt failed ({Failure}); retry scheduled")]
    private static partial void LogAttemptFailed(ILogger logger, string requestId, string failure);
}
