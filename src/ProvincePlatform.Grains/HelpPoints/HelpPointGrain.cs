using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Telemetry;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>
/// Orchestrates one help point: looks up the session, lets its <see cref="SessionLedger"/> decide, stores what the
/// decision changed (usually that one session's ledger, see <see cref="IHelpPointStore"/>) before answering, and keeps
/// a reminder set for the next no-show or retention deadline. The changes its commune's stats count are noted in the
/// state with the change, and reported up to half a minute later (many changes in one report, off the booking's
/// path); every housekeeping tick and deactivation reports what is still unreported.
/// Not reentrant, so seat decisions never interleave.
/// </summary>
public sealed partial class HelpPointGrain(
    IHelpPointStore store,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock,
    CitizenKeys citizenKeys,
    ICitizenIndex citizenIndex,
    ProvinceMetrics metrics,
    ILogger<HelpPointGrain> logger)
    : Grain, IHelpPointGrain, IRemindable
{
    public const string HousekeepingReminder = "housekeeping";

    /// <summary>The name under which versions before <see cref="IHelpPointStore"/> kept the whole state in grain storage.</summary>
    public const string WholeStateName = "helpPoint";

    /// <summary>
    /// How long changes gather before they are reported to the commune's stats together. Every report rewrites the
    /// commune's stats state, so reports of a few seconds apart from every busy help point of a province cost the
    /// database as much as the bookings themselves; half a minute behind is fresh enough for the figures.
    /// </summary>
    public static readonly TimeSpan StatsReportDelay = TimeSpan.FromSeconds(30);

    private readonly AimedReminder _housekeeping = new(HousekeepingReminder, backstop: TimeSpan.FromHours(12));
    private IGrainTimer? _statsReport;
    private int _profileVersion;

    private HelpPointState State { get; set; } = new();

    private string Id => this.GetPrimaryKeyString();

    private DateTimeOffset Now => clock.GetUtcNow();

    private OpeningSchedule Schedule => new(State.Definition!.OpeningHours);

    private int Capacity => State.Definition!.Computers;

    public async Task<HelpPointDetails> OpenAsync(string communeCode, HelpPointDefinition definition)
    {
        if (!State.IsOpened)
        {
            State.CommuneCode = communeCode;
            State.Definition = definition;
            State.OpenedOn = VietnamTime.Today(clock);
            State.DefinitionSince = State.OpenedOn;
            State.ProfileChanged();
            await PersistAsync();
        }

        return Details();
    }

    public Task<HelpPointDetails?> GetAsync() => Task.FromResult(State.IsOpened ? Details() : null);

    public async Task<Outcome<HelpPointDetails>> UpdateAsync(HelpPointDefinition definition)
    {
        if (!State.IsOpened)
        {
            return new Refusal(RefusalCode.HelpPointNotFound);
        }

        var schedule = new OpeningSchedule(definition.OpeningHours);
        var now = Now;
        var booked = State.Sessions.Values
            .Where(ledger => ledger.EndsAt > now && ledger.Bookings.Exists(booking => booking.HoldsPlace))
            .ToList();
        var kept = new List<(SessionLedger Ledger, SessionSlot Slot)>();
        foreach (var ledger in booked)
        {
            if (!SessionSlot.TryParseId(ledger.SessionId, out var date, out var start)
                || schedule.Find(date, start) is not { } slot)
            {
                return new Refusal(RefusalCode.ScheduleDropsBookedSession, "openingHours",
                    $"Session {ledger.SessionId} has bookings and would no longer exist.");
            }

            if (ledger.SeatsTaken > definition.Computers)
            {
                return new Refusal(RefusalCode.CapacityBelowBookings, "computers",
                    $"Session {ledger.SessionId} has {ledger.SeatsTaken} confirmed bookings.");
            }

            kept.Add((ledger, slot));
        }

        State.Definition = definition;
        State.DefinitionSince = VietnamTime.Today(clock);
        State.ProfileChanged();
        foreach (var (ledger, slot) in kept)
        {
            ledger.EndsAt = slot.EndsAt;
            if (now < ledger.StartsAt)
            {
                ledger.PromoteWaitlisted(definition.Computers);
            }

            State.LedgerChanged(ledger);
        }

        await PersistAsync();
        return Details();
    }

    public async Task<Outcome<Closure>> AddClosureAsync(Closure closure)
    {
        if (!State.IsOpened)
        {
            return new Refusal(RefusalCode.HelpPointNotFound);
        }

        if (closure.Date < VietnamTime.Today(clock))
        {
            return new Refusal(RefusalCode.DateInPast, "date");
        }

        if (!State.Closures.TryAdd(closure.Date, closure.Reason))
        {
            return new Refusal(RefusalCode.DateAlreadyClosed, "date");
        }

        var cancelled = 0;
        foreach (var ledger in State.Sessions.Values.Where(ledger => ledger.Date == closure.Date))
        {
            cancelled += ledger.CancelByHelpPoint();
            State.LedgerChanged(ledger);
        }

        State.ProfileChanged();
        State.DayChanged(closure.Date);
        await PersistAsync();
        metrics.Cancelled(byHelpPoint: true, cancelled);
        return closure;
    }

    public Task<Outcome<ImmutableArray<SessionView>>> GetSessionsAsync(DateOnly from, DateOnly to)
    {
        if (!State.IsOpened)
        {
            return Task.FromResult<Outcome<ImmutableArray<SessionView>>>(new Refusal(RefusalCode.HelpPointNotFound));
        }

        var now = Now;
        var sessions = Schedule.SlotsBetween(from, to).Select(slot =>
        {
            var ledger = State.Sessions.GetValueOrDefault(slot.Id);
            var taken = ledger?.SeatsTaken ?? 0;
            var status = State.Closures.ContainsKey(slot.Date) ? SessionStatus.Closed
                : now >= slot.EndsAt ? SessionStatus.Past
                : taken >= Capacity ? SessionStatus.Full
                : SessionStatus.Open;
            var bookable = status is SessionStatus.Open or SessionStatus.Full && now < slot.StartsAt
                && slot.StartsAt - now <= SessionLedger.BookingHorizon;
            return new SessionView(slot.Id, slot.StartsAt, slot.EndsAt, Capacity, taken, ledger?.WaitlistLength ?? 0, status, bookable);
        });
        return Task.FromResult<Outcome<ImmutableArray<SessionView>>>(sessions.ToImmutableArray());
    }

    public async Task<Outcome<BookingView>> BookAsync(string sessionId, BookingRequest request)
    {
        var placed = await PlaceAsync(sessionId, (ledger, bookingId) =>
            ledger.Book(bookingId, request with { Citizen = CitizenRules.Normalize(request.Citizen) }, Capacity, Now));
        if (placed.Succeeded)
        {
            metrics.BookingPlaced(waitlisted: placed.Value!.Status == BookingStatus.Waitlisted);
        }
        else
        {
            metrics.BookingRefused(placed.Refusal.Code);
        }

        return placed;
    }

    public async Task<Outcome<BookingView>> WalkInAsync(string sessionId, WalkInRequest request)
    {
        var placed = await PlaceAsync(sessionId, (ledger, bookingId) =>
            ledger.WalkIn(bookingId, request with { Citizen = CitizenRules.Normalize(request.Citizen) }, Capacity, Now));
        if (placed.Succeeded)
        {
            metrics.WalkedIn();
        }

        return placed;
    }

    public Task<Outcome<BookingView>> GetBookingAsync(string bookingId) =>
        Task.FromResult(State.LedgerOf(bookingId) is { } ledger && ledger.Find(bookingId) is { } booking
            ? (Outcome<BookingView>)View(ledger, booking)
            : new Refusal(RefusalCode.BookingNotFound));

    public Task<Outcome<BookingView>> CancelBookingAsync(string bookingId) =>
        ChangeAsync(bookingId, ledger => ledger.Cancel(bookingId, Capacity, Now), () => metrics.Cancelled(byHelpPoint: false));

    public Task<Outcome<BookingView>> CheckInAsync(string bookingId) =>
        ChangeAsync(bookingId, ledger => ledger.CheckIn(bookingId, Now), metrics.CheckedIn);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(Id) is { } stored)
        {
            (State, _profileVersion) = (stored.State, stored.ProfileVersion);
        }
        else if (await ReadWholeStateAsync() is { IsOpened: true } whole)
        {
            State = whole;
            State.SplitIntoRows();
            await PersistAsync();
        }

        if (State.WholeStateToClear)
        {
            await ClearWholeStateAsync();
        }

        ReportWaitlist();
        ScheduleStatsReport();
    }

    /// <summary>
    /// The waitlist gauge counts active help points only; another silo may activate this one next. What the stats
    /// have not heard is told now, except while the silo shuts down, when the stats grain may be going too: it stays
    /// marked in the stored state and goes a moment after the next activation.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.WaitlistIs(Id, 0);
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await ReportToStatsAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HousekeepingReminder || !State.IsOpened)
        {
            return;
        }

        _housekeeping.Forget();
        var settled = new List<SessionLedger>();
        if (State.Housekeep(Now, settled))
        {
            await PersistAsync();
            foreach (var ledger in settled)
            {
                metrics.SessionSettled(ledger.Figures().NoShows, Capacity, ledger.SeatsTaken);
            }
        }
        else
        {
            await _housekeeping.AimAsync(this, State.NextHousekeepingAt(), Now);
        }

        await ReportToStatsAsync();
    }

    private async Task<Outcome<BookingView>> PlaceAsync(
        string sessionId, Func<SessionLedger, string, Outcome<BookingEntry>> decide)
    {
        if (!State.IsOpened)
        {
            return new Refusal(RefusalCode.HelpPointNotFound);
        }

        if (!SessionSlot.TryParseId(sessionId, out var date, out var start) || Schedule.Find(date, start) is not { } slot)
        {
            return new Refusal(RefusalCode.SessionNotFound);
        }

        if (State.Closures.ContainsKey(date))
        {
            return new Refusal(RefusalCode.SessionClosed);
        }

        var ledger = State.Sessions.GetValueOrDefault(slot.Id) ?? new SessionLedger(slot);
        var bookingId = BookingIds.New(Id);
        while (State.BookingSessions.ContainsKey(bookingId))
        {
            bookingId = BookingIds.New(Id);
        }

        var decision = decide(ledger, bookingId);
        if (!decision.Succeeded)
        {
            return decision.Refusal;
        }

        State.Placed(ledger, decision.Value!);
        // The citizen's index entry is written beside the booking rather than after it, halving the wait: an entry
        // whose booking was never stored (the write failed) is skipped by the lookup, which finds no such booking.
        await Task.WhenAll(PersistAsync(), IndexForCitizenAsync(decision.Value!));
        return View(ledger, decision.Value!);
    }

    /// <summary>
    /// Lets the citizen find the booking by ID number. The booking stands on its own, so a failure here is logged for
    /// ops rather than turned into a refusal of a booking that was in fact made.
    /// </summary>
    private async Task IndexForCitizenAsync(BookingEntry booking)
    {
        try
        {
            await citizenIndex.AddAsync(citizenKeys.KeyOf(booking.Citizen.IdNumber), CitizenResource.Booking, booking.Id);
        }
        catch (StorageUnavailableException exception)
        {
            LogCitizenIndexMissed(logger, exception, booking.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {BookingId} was made but not added to its citizen's index")]
    private static partial void LogCitizenIndexMissed(ILogger logger, Exception exception, string bookingId);

    /// <param name="changed">What to count once a change of status is stored.</param>
    private async Task<Outcome<BookingView>> ChangeAsync(
        string bookingId, Func<SessionLedger, Outcome<BookingEntry>> change, Action changed)
    {
        if (State.LedgerOf(bookingId) is not { } ledger || ledger.Find(bookingId) is not { } before)
        {
            return new Refusal(RefusalCode.BookingNotFound);
        }

        var after = change(ledger);
        if (!after.Succeeded)
        {
            return after.Refusal;
        }

        if (after.Value!.Status != before.Status)
        {
            State.LedgerChanged(ledger);
            await PersistAsync();
            changed();
        }

        return View(ledger, after.Value);
    }

    /// <summary>
    /// Stores what changed (see <see cref="PersistentStateExtensions.StoreOrDeactivateAsync{T}"/>), schedules the
    /// report to the commune's stats, then re-aims housekeeping.
    /// </summary>
    private async Task PersistAsync()
    {
        var changes = State.TakeChanges();
        _profileVersion = await this.StoreOrDeactivateAsync(() => store.WriteAsync(Id, State, _profileVersion, changes));
        ReportWaitlist();
        ScheduleStatsReport();
        await _housekeeping.AimOrLogAsync(this, State.NextHousekeepingAt(), Now, logger);
    }

    /// <summary>The state as versions before <see cref="IHelpPointStore"/> stored it, whole, in grain storage.</summary>
    private async Task<HelpPointState?> ReadWholeStateAsync()
    {
        var whole = new GrainState<HelpPointState>();
        await WholeStateStorage.ReadStateAsync(WholeStateName, this.GetGrainId(), whole);
        return whole.RecordExists ? whole.State : null;
    }

    /// <summary>
    /// Clears the state stored whole once its rows are stored. A failure is logged and tried again on the next
    /// activation: the rows are what the help point is read from, and the flag stays stored until the clear succeeds.
    /// </summary>
    private async Task ClearWholeStateAsync()
    {
        try
        {
            var whole = new GrainState<HelpPointState>();
            await WholeStateStorage.ReadStateAsync(WholeStateName, this.GetGrainId(), whole);
            if (whole.RecordExists)
            {
                await WholeStateStorage.ClearStateAsync(WholeStateName, this.GetGrainId(), whole);
            }

            State.WholeStateCleared();
            await PersistAsync();
        }
#pragma warning disable CA1031 // Whatever stops the clear, the rows stand and the next activation tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogWholeStateNotCleared(logger, exception, Id);
        }
    }

    private IGrainStorage WholeStateStorage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProvinceStorage.Name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Help point {HelpPointId}: its state stored whole before ledgers had rows is not yet cleared")]
    private static partial void LogWholeStateNotCleared(ILogger logger, Exception exception, string helpPointId);

    private void ScheduleStatsReport()
    {
        if (State.HasUnreported && _statsReport is null)
        {
            _statsReport = this.RegisterGrainTimer(
                _ =>
                {
                    _statsReport?.Dispose();
                    _statsReport = null;
                    return ReportToStatsAsync();
                },
                StatsReportDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Tells the commune's stats what changed. The change is already stored and stands on its own, so a failure is
    /// logged and the report retried with the next change or housekeeping tick, never turned into a refusal.
    /// </summary>
    private async Task ReportToStatsAsync()
    {
        if (!State.HasUnreported)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ICommuneStatsGrain>(State.CommuneCode!)
                .ReportAsync(State.StatsReport(Id, citizenKeys.FingerprintOf));
            State.Reported();
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or StorageUnavailableException)
        {
            LogStatsReportMissed(logger, exception, Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Help point {HelpPointId}: a change was stored but not yet reported to its commune's stats")]
    private static partial void LogStatsReportMissed(ILogger logger, Exception exception, string helpPointId);

    private void ReportWaitlist() => metrics.WaitlistIs(Id, State.UpcomingWaitlist(Now));

    private HelpPointDetails Details() => new(
        Id, State.CommuneCode!, State.Definition!,
        [.. State.Closures.OrderBy(pair => pair.Key).Select(pair => new Closure(pair.Key, pair.Value))],
        State.Figures());

    private BookingView View(SessionLedger ledger, BookingEntry booking) => new(
        booking.Id, Id, ledger.SessionId, booking.Status, booking.ServiceCode, booking.Citizen,
        ledger.PositionOf(booking.Id), booking.WalkIn);
}
