using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Grains.Telemetry;

/// <summary>
/// The business metrics of the meter <see cref="MeterName"/>, one silo's share of them: what happens to bookings and
/// filings, how long the national portal takes, and what is waiting. Labels are few and bounded (outcomes, who
/// cancelled, portal operations); never a commune, help point, request or citizen, which would make a series per
/// resource and could carry personal data.
/// </summary>
public sealed class ProvinceMetrics
{
    public const string MeterName = "ProvincePlatform";

    private readonly Counter<long> _bookings;
    private readonly Counter<long> _walkIns;
    private readonly Counter<long> _checkIns;
    private readonly Counter<long> _noShows;
    private readonly Counter<long> _cancellations;
    private readonly Counter<long> _seatsOffered;
    private readonly Counter<long> _seatsTaken;
    private readonly Counter<long> _submissions;
    private readonly Histogram<double> _portalDuration;

    /// <summary>Waitlisted citizens of upcoming sessions, per help point active on this silo.</summary>
    private readonly ConcurrentDictionary<string, int> _waitlists = new(StringComparer.Ordinal);

    /// <summary>When each filing pending on this silo was queued, per request.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pendingFilings = new(StringComparer.Ordinal);

    public ProvinceMetrics(IMeterFactory meters, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        _bookings = meter.CreateCounter<long>("province.bookings", "{booking}", "Booking attempts by outcome: confirmed, waitlisted, full, duplicate, refused.");
        _walkIns = meter.CreateCounter<long>("province.walk_ins", "{citizen}", "Citizens seated without a booking.");
        _checkIns = meter.CreateCounter<long>("province.check_ins", "{booking}", "Bookings checked in.");
        _noShows = meter.CreateCounter<long>("province.no_shows", "{booking}", "Confirmed bookings whose session ended without a check-in.");
        _cancellations = meter.CreateCounter<long>("province.cancellations", "{booking}", "Bookings cancelled, by the citizen or by a closure of the help point.");
        _seatsOffered = meter.CreateCounter<long>("province.seats.offered", "{seat}", "Seats of sessions that have ended (computers per session).");
        _seatsTaken = meter.CreateCounter<long>("province.seats.taken", "{seat}", "Seats of ended sessions that a citizen used (check-ins and walk-ins).");
        _submissions = meter.CreateCounter<long>("province.submissions", "{attempt}", "Filing attempts with the national portal by outcome: submitted, failed (refused for good), retried.");
        _portalDuration = meter.CreateHistogram("province.portal.duration", "s", "Time the national portal took to answer, by operation and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30] });
        meter.CreateObservableGauge("province.waitlist.length", () => _waitlists.Values.Sum(), "{citizen}",
            "Citizens on the waitlists of upcoming sessions at the help points active on this silo.");
        meter.CreateObservableGauge("province.submissions.pending", () => _pendingFilings.Count, "{filing}",
            "Filings queued for the national portal and not yet answered (the outbox).");
        meter.CreateObservableGauge("province.submissions.oldest_age", () => OldestPendingAge(clock), "s",
            "How long the oldest pending filing has waited.");
    }

    public void BookingPlaced(bool waitlisted) => _bookings.Add(1, Outcome(waitlisted ? "waitlisted" : "confirmed"));

    public void BookingRefused(RefusalCode code) => _bookings.Add(1, Outcome(code switch
    {
        RefusalCode.SessionFull or RefusalCode.WaitlistFull => "full",
        RefusalCode.AlreadyBooked => "duplicate",
        _ => "refused",
    }));

    public void WalkedIn() => _walkIns.Add(1);

    public void CheckedIn() => _checkIns.Add(1);

    public void Cancelled(bool byHelpPoint, int bookings = 1) =>
        _cancellations.Add(bookings, new KeyValuePair<string, object?>("by", byHelpPoint ? "help_point" : "citizen"));

    /// <summary>A session has ended: its no-shows, and its seats offered and used.</summary>
    public void SessionSettled(int noShows, int seatsOffered, int seatsTaken)
    {
        _noShows.Add(noShows);
        _seatsOffered.Add(seatsOffered);
        _seatsTaken.Add(seatsTaken);
    }

    public void WaitlistIs(string helpPointId, int waitlisted)
    {
        if (waitlisted > 0)
        {
            _waitlists[helpPointId] = waitlisted;
        }
        else
        {
            _waitlists.TryRemove(helpPointId, out _);
        }
    }

    public void Filed() => _submissions.Add(1, Outcome("submitted"));

    public void FilingRefused() => _submissions.Add(1, Outcome("failed"));

    public void FilingRetried() => _submissions.Add(1, Outcome("retried"));

    public void PortalAnswered(string operation, PortalOutcome outcome, TimeSpan took) =>
        _portalDuration.Record(took.TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            Outcome(outcome switch { PortalOutcome.Succeeded => "ok", PortalOutcome.Refused => "refused", _ => "transient" }));

    /// <summary>The request's pending filing, or null once it has none; the request is this silo's while active.</summary>
    public void PendingFilingIs(string requestId, DateTimeOffset? queuedAt)
    {
        if (queuedAt is { } at)
        {
            _pendingFilings[requestId] = at;
        }
        else
        {
            _pendingFilings.TryRemove(requestId, out _);
        }
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    private double OldestPendingAge(TimeProvider clock) =>
        _pendingFilings.IsEmpty ? 0 : Math.Max(0, (clock.GetUtcNow() - _pendingFilings.Values.Min()).TotalSeconds);
}
