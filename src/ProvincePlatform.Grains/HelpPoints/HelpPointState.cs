using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Bookings;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>
/// The stored state of one help point. Versioning: members are only ever added, with new ids; an id is never
/// reused or renumbered, and a stored type never changes between record and class.
/// </summary>
[GenerateSerializer, Alias("pp.HelpPointState")]
public sealed class HelpPointState
{
    /// <summary>How long an ended session stays in the working state before only its figures remain.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Id(0)]
    public string? CommuneCode { get; set; }

    [Id(1)]
    public HelpPointDefinition? Definition { get; set; }

    /// <summary>Closed local dates with their reasons.</summary>
    [Id(2)]
    public Dictionary<DateOnly, string> Closures { get; set; } = [];

    /// <summary>The ledgers of sessions that have had bookings, by session id.</summary>
    [Id(3)]
    public Dictionary<string, SessionLedger> Sessions { get; set; } = [];

    /// <summary>Which session each booking belongs to, by booking id.</summary>
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

    public bool IsOpened => Definition is not null;

    public bool HasUnreported => ProfileUnreported || UnreportedDays.Count > 0;

    /// <summary>Notes that a date's figures changed; stored with the change, so the stats hear of it even after a crash.</summary>
    public void MarkForStats(DateOnly date)
    {
        UnreportedDays.Add(date);
        ReportSequence++;
    }

    /// <summary>Notes that the definition or closures changed.</summary>
    public void MarkProfileForStats()
    {
        ProfileUnreported = true;
        ReportSequence++;
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

    /// <summary>Forgets what the stats have now heard; stored with the next change (a repeat after a crash is harmless).</summary>
    public void Reported()
    {
        UnreportedDays.Clear();
        ProfileUnreported = false;
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
            MarkForStats(ledger.Date);
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
            changed = true;
        }

        var cutoff = Common.VietnamTime.DateOf(now - Retention);
        foreach (var date in Closures.Keys.Where(date => date < cutoff).ToList())
        {
            changed |= Closures.Remove(date);
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
