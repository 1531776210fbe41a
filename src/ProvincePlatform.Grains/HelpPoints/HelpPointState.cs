using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Bookings;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>
/// One help point: its profile (definition, closures, archived figures, what the stats have heard) and the ledgers of
/// its sessions. It is stored as rows (<see cref="IHelpPointStore"/>): the profile as one, each ledger as one of its
/// own. Every change is noted, with <see cref="LedgerChanged"/>, <see cref="DayChanged"/> or
/// <see cref="ProfileChanged"/>, which tells both what to store (<see cref="TakeChanges"/>) and what the commune's
/// stats should hear (<see cref="StatsReport"/>).
/// Versioning: members are only ever added, with new ids; an id is never reused or renumbered, and a stored type
/// never changes between record and class.
/// </summary>
[GenerateSerializer, Alias("pp.HelpPointState")]
public sealed class HelpPointState
{
    /// <summary>How long an ended session stays in the working state before only its figures remain.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    // What changed since the last TakeChanges: never stored, since it is what the next write stores.
    [NonSerialized]
    private readonly Dictionary<string, long> _changedLedgers = new(StringComparer.Ordinal);
    [NonSerialized]
    private readonly HashSet<string> _removedLedgers = new(StringComparer.Ordinal);
    [NonSerialized]
    private bool _profileChanged;

    [Id(0)]
    public string? CommuneCode { get; set; }

    [Id(1)]
    public HelpPointDefinition? Definition { get; set; }

    /// <summary>Closed local dates with their reasons.</summary>
    [Id(2)]
    public Dictionary<DateOnly, string> Closures { get; set; } = [];

    /// <summary>
    /// The ledgers of sessions that have had bookings, by session id. A profile row holds none (each ledger is a row
    /// of its own); only a state stored whole, before ledgers had rows, holds them here.
    /// </summary>
    [Id(3)]
    public Dictionary<string, SessionLedger> Sessions { get; set; } = [];

    /// <summary>Which session each booking belongs to, by booking id; rebuilt from the ledgers when they are read.</summary>
    [Id(4)]
    public Dictionary<string, string> BookingSessions { get; set; } = [];

    /// <summary>The figures of sessions that have left the working state.</summary>
    [Id(5)]
    public HelpPointFigures ArchivedFigures { get; set; } = HelpPointFigures.Zero;

    /// <summary>Dates whose figures changed since the commune's stats last heard of them.</summary>
    [Id(6)]
    public HashSet<DateOnly> UnreportedDays { get; set; } = [];

    /// <summary>Numbers each stored change the stats should hear of, so they can tell a late report from a new one.</summary>
    [Id(7)]
    public long ReportSequence { get; set; }

    /// <summary>Whether the definition or closures changed since the commune's stats last heard of them.</summary>
    [Id(8)]
    public bool ProfileUnreported { get; set; }

    /// <summary>The local date the help point opened; its seats count from then.</summary>
    [Id(9)]
    public DateOnly OpenedOn { get; set; }

    /// <summary>The local date the current definition took effect; its seats count from then.</summary>
    [Id(10)]
    public DateOnly DefinitionSince { get; set; }

    /// <summary>
    /// The <see cref="ReportSequence"/> the commune's stats had heard of when the profile was stored: a ledger stored
    /// with a later <see cref="SessionLedger.ChangeSequence"/> may not have been reported, so its date is again.
    /// </summary>
    [Id(11)]
    public long ReportedThrough { get; set; }

    /// <summary>
    /// Set while the state this help point had stored whole, before ledgers had rows, is still to be cleared: its copy
    /// of citizens' bookings must not outlive <see cref="Retention"/>.
    /// </summary>
    [Id(12)]
    public bool WholeStateToClear { get; set; }

    public bool IsOpened => Definition is not null;

    public bool HasUnreported => ProfileUnreported || UnreportedDays.Count > 0;

    /// <summary>
    /// Notes that a ledger changed: it is stored again, at the next sequence, and its date's figures are reported.
    /// Noting it twice before the changes are taken stores it once.
    /// </summary>
    public void LedgerChanged(SessionLedger ledger)
    {
        _changedLedgers.TryAdd(ledger.SessionId, ledger.ChangeSequence);
        ledger.ChangeSequence = ++ReportSequence;
        UnreportedDays.Add(ledger.Date);
    }

    /// <summary>Keeps a booking just placed in <paramref name="ledger"/>, which may be its session's first.</summary>
    public void Placed(SessionLedger ledger, BookingEntry booking)
    {
        Sessions.TryAdd(ledger.SessionId, ledger);
        BookingSessions[booking.Id] = ledger.SessionId;
        LedgerChanged(ledger);
    }

    /// <summary>Notes that a date's figures changed with the profile rather than a ledger (a closure).</summary>
    public void DayChanged(DateOnly date)
    {
        UnreportedDays.Add(date);
        ReportSequence++;
        _profileChanged = true;
    }

    /// <summary>Notes that the profile changed: the definition, the closures or the archived figures.</summary>
    public void ProfileChanged()
    {
        ProfileUnreported = true;
        ReportSequence++;
        _profileChanged = true;
    }

    /// <summary>What changed since the last call, to be stored as one; forgets it.</summary>
    public HelpPointChanges TakeChanges()
    {
        var changes = new HelpPointChanges(
            _profileChanged,
            [.. _changedLedgers.Where(pair => !_removedLedgers.Contains(pair.Key)).Select(pair => new LedgerChange(Sessions[pair.Key], pair.Value))],
            [.. _removedLedgers]);
        _changedLedgers.Clear();
        _removedLedgers.Clear();
        _profileChanged = false;
        return changes;
    }

    /// <summary>The state without its ledgers, which are rows of their own: what a profile row holds.</summary>
    public HelpPointState Profile()
    {
        var profile = (HelpPointState)MemberwiseClone();
        profile.Sessions = [];
        profile.BookingSessions = [];
        return profile;
    }

    /// <summary>
    /// Puts back the ledgers read from their rows into a profile, and what follows from them: which session each
    /// booking is in, the latest sequence, and the dates the stats may not have heard of.
    /// </summary>
    public void Restore(IEnumerable<SessionLedger> ledgers)
    {
        foreach (var ledger in ledgers)
        {
            Sessions[ledger.SessionId] = ledger;
            ReportSequence = Math.Max(ReportSequence, ledger.ChangeSequence);
            if (ledger.ChangeSequence > ReportedThrough)
            {
                UnreportedDays.Add(ledger.Date);
            }

            foreach (var booking in ledger.Bookings)
            {
                BookingSessions[booking.Id] = ledger.SessionId;
            }
        }
    }

    /// <summary>
    /// Notes everything as changed, so that a state stored whole, before ledgers had rows, is stored again as rows;
    /// the whole state is then to be cleared.
    /// </summary>
    public void SplitIntoRows()
    {
        foreach (var ledger in Sessions.Values)
        {
            LedgerChanged(ledger);
        }

        ProfileChanged();
        WholeStateToClear = true;
    }

    /// <summary>Notes that the state stored whole is gone.</summary>
    public void WholeStateCleared()
    {
        WholeStateToClear = false;
        _profileChanged = true;
    }

    /// <summary>
    /// What the stats have not yet heard: absolute figures of each changed date, with the fingerprints of the citizens
    /// guided that day. A date whose sessions have all left the working state is not reported again: its figures
    /// went out when it changed, and zeros now would overwrite them.
    /// </summary>
    public HelpPointReport StatsReport(string helpPointId, Func<string, long> fingerprintOf)
    {
        var days = UnreportedDays.Order()
            .Select(date => (Date: date, Ledgers: Sessions.Values.Where(ledger => ledger.Date == date).ToList()))
            .Where(day => day.Ledgers.Count > 0)
            .Select(day => new HelpPointDay(
                day.Date,
                day.Ledgers.Aggregate(HelpPointFigures.Zero, (total, ledger) => total + ledger.Figures()),
                [.. day.Ledgers.SelectMany(ledger => ledger.Bookings)
                    .Where(booking => booking.Status == BookingStatus.CheckedIn)
                    .Select(booking => fingerprintOf(booking.Citizen.IdNumber))
                    .Distinct()]));
        var profile = ProfileUnreported
            ? new HelpPointProfile(Definition!, [.. Closures.Keys.Order()], OpenedOn, DefinitionSince)
            : null;
        return new HelpPointReport(helpPointId, ReportSequence, profile, [.. days]);
    }

    /// <summary>
    /// Forgets what the stats have now heard. Stored with the next change of the profile; until then a restart
    /// reports again what changed since the last one, which is harmless, since reports are absolute.
    /// </summary>
    public void Reported()
    {
        UnreportedDays.Clear();
        ProfileUnreported = false;
        ReportedThrough = ReportSequence;
    }

    /// <summary>
    /// Citizens on the waitlists of sessions that have not started, for the waitlist gauge. Runs after every stored
    /// change, over every retained session, so it reads the clock once and counts without allocating.
    /// </summary>
    public int UpcomingWaitlist(DateTimeOffset now)
    {
        var waitlisted = 0;
        foreach (var ledger in Sessions.Values)
        {
            if (ledger.StartsAt > now)
            {
                waitlisted += ledger.WaitlistLength;
            }
        }

        return waitlisted;
    }

    public HelpPointFigures Figures() =>
        Sessions.Values.Aggregate(ArchivedFigures, (total, ledger) => total + ledger.Figures());

    public SessionLedger? LedgerOf(string bookingId) =>
        BookingSessions.TryGetValue(bookingId, out var sessionId) ? Sessions.GetValueOrDefault(sessionId) : null;

    /// <summary>
    /// Records the no-shows of sessions that have ended, and moves sessions that ended more than
    /// <see cref="Retention"/> ago out of the working state, keeping their figures. Returns whether anything changed;
    /// the sessions settled now are added to <paramref name="settled"/>.
    /// </summary>
    public bool Housekeep(DateTimeOffset now, ICollection<SessionLedger>? settled = null)
    {
        var changed = false;
        foreach (var ledger in Sessions.Values.Where(ledger => ledger.Settle(now)))
        {
            settled?.Add(ledger);
            LedgerChanged(ledger);
            changed = true;
        }

        foreach (var ledger in Sessions.Values.Where(ledger => now - ledger.EndsAt > Retention).ToList())
        {
            ArchivedFigures += ledger.Figures();
            foreach (var booking in ledger.Bookings)
            {
                BookingSessions.Remove(booking.Id);
            }

            Sessions.Remove(ledger.SessionId);
            _removedLedgers.Add(ledger.SessionId);
            _profileChanged = changed = true;
        }

        var cutoff = Common.VietnamTime.DateOf(now - Retention);
        foreach (var date in Closures.Keys.Where(date => date < cutoff).ToList())
        {
            Closures.Remove(date);
            _profileChanged = changed = true;
        }

        return changed;
    }

    /// <summary>When <see cref="Housekeep"/> next has work to do, or null when it has none.</summary>
    public DateTimeOffset? NextHousekeepingAt() =>
        Sessions.Values
            .Select(ledger => ledger.Settled ? ledger.EndsAt + Retention : ledger.EndsAt)
            .Order()
            .Select(due => (DateTimeOffset?)due)
            .FirstOrDefault();
}
