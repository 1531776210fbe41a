using System.Collections.Concurrent;
using System.Diagnostics;

namespace ProvincePlatform.Cluster.Tests.Resilience;

/// <summary>A booking the gateway acknowledged (201 with its id), and what the load later did to it.</summary>
public sealed class TrackedBooking(string id, string helpPointId, string sessionId, string acknowledgedStatus)
{
    public string Id { get; } = id;

    public string HelpPointId { get; } = helpPointId;

    public string SessionId { get; } = sessionId;

    /// <summary><c>confirmed</c> or <c>waitlisted</c>, as the 201 said.</summary>
    public string AcknowledgedStatus { get; } = acknowledgedStatus;

    /// <summary>A cancel was sent, whatever its answer: the booking may be cancelled even if no 204 came back.</summary>
    public bool CancelSent { get; set; }

    /// <summary>A cancel was answered 204: the booking must be cancelled.</summary>
    public bool CancelAcknowledged { get; set; }
}

/// <summary>A request the gateway acknowledged (201 with its id), and the submits the load sent for it.</summary>
public sealed class TrackedRequest(string id, string communeCode)
{
    private int _submitsSent;
    private int _submitsAcknowledged;

    public string Id { get; } = id;

    public string CommuneCode { get; } = communeCode;

    public int SubmitsSent => Volatile.Read(ref _submitsSent);

    /// <summary>Submits answered 202: the request must have left <c>draft</c> for good.</summary>
    public int SubmitsAcknowledged => Volatile.Read(ref _submitsAcknowledged);

    public void SubmitSent() => Interlocked.Increment(ref _submitsSent);

    public void SubmitAcknowledged() => Interlocked.Increment(ref _submitsAcknowledged);
}

/// <summary>
/// Everything the load was told: each acknowledged write (what the checker holds the platform to afterwards), and
/// every other answer counted by kind and by the phase of the run it came in.
/// </summary>
public sealed class LoadLedger
{
    private readonly Stopwatch _clock = new();
    private readonly List<TrackedBooking> _bookings = [];
    private readonly List<TrackedRequest> _requests = [];
    private readonly ConcurrentQueue<(string HelpPointId, TimeSpan At)> _bookingAcknowledgements = new();
    private readonly ConcurrentDictionary<(string Phase, string Kind), int> _refusals = new();
    private readonly ConcurrentDictionary<(string Phase, string Kind), int> _errors = new();
    private readonly ConcurrentDictionary<string, int> _acknowledgedByOperation = new();
    private readonly ConcurrentQueue<string> _anomalies = new();
    private long _acknowledged;
    private long _failedWrites;

    /// <summary>What the run is going through, for the counts: "before faults", "silo killed", …</summary>
    public string Phase { get; set; } = "before faults";

    /// <summary>Time since the load started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Writes that got no acknowledgement (refusals of state, 5xx, time-outs, broken connections) so far.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public IReadOnlyDictionary<(string Phase, string Kind), int> Refusals => _refusals;

    public IReadOnlyDictionary<(string Phase, string Kind), int> Errors => _errors;

    public IReadOnlyDictionary<string, int> AcknowledgedByOperation => _acknowledgedByOperation;

    /// <summary>Answers during the load that contradict an earlier acknowledgement (a 404 for a booking we hold, say).</summary>
    public IReadOnlyCollection<string> Anomalies => _anomalies;

    public void Start() => _clock.Start();

    public IReadOnlyList<TrackedBooking> Bookings()
    {
        lock (_bookings)
        {
            return [.. _bookings];
        }
    }

    public IReadOnlyList<TrackedRequest> Requests()
    {
        lock (_requests)
        {
            return [.. _requests];
        }
    }

    public TrackedBooking? AnyBooking(Func<TrackedBooking, bool> eligible)
    {
        lock (_bookings)
        {
            // A handful of random tries rather than a scan: the list grows to thousands.
            for (var attempt = 0; attempt < 8 && _bookings.Count > 0; attempt++)
            {
                var booking = _bookings[Random.Shared.Next(_bookings.Count)];
                if (eligible(booking))
                {
                    return booking;
                }
            }

            return null;
        }
    }

    public TrackedRequest? AnyRequest(Func<TrackedRequest, bool> eligible)
    {
        lock (_requests)
        {
            for (var attempt = 0; attempt < 8 && _requests.Count > 0; attempt++)
            {
                var request = _requests[Random.Shared.Next(_requests.Count)];
                if (eligible(request))
                {
                    return request;
                }
            }

            return null;
        }
    }

    public void BookingAcknowledged(TrackedBooking booking)
    {
        lock (_bookings)
        {
            _bookings.Add(booking);
        }

        _bookingAcknowledgements.Enqueue((booking.HelpPointId, Elapsed));
        Count("book");
    }

    public void RequestAcknowledged(TrackedRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        Count("open request");
    }

    public void WriteAcknowledged(string operation) => Count(operation);

    /// <summary>A 4xx the contract foresees (a full session, a citizen already booked): the platform said no, cleanly.</summary>
    public void Refused(string kind) => _refusals.AddOrUpdate((Phase, kind), 1, (_, count) => count + 1);

    /// <summary>No answer, or a 5xx: the write may or may not have happened.</summary>
    public void Failed(string kind)
    {
        Interlocked.Increment(ref _failedWrites);
        _errors.AddOrUpdate((Phase, kind), 1, (_, count) => count + 1);
    }

    public void Anomaly(string what) => _anomalies.Enqueue($"{Elapsed.TotalSeconds:0.0} s [{Phase}] {what}");

    /// <summary>
    /// How long after <paramref name="since"/> every one of the help points had taken a booking again, or null if one
    /// has not yet.
    /// </summary>
    public TimeSpan? EveryHelpPointBookedAfter(TimeSpan since, IReadOnlyCollection<string> helpPointIds)
    {
        var firsts = new Dictionary<string, TimeSpan>();
        foreach (var (helpPointId, at) in _bookingAcknowledgements)
        {
            if (at > since && (!firsts.TryGetValue(helpPointId, out var first) || at < first))
            {
                firsts[helpPointId] = at;
            }
        }

        return helpPointIds.All(firsts.ContainsKey) ? helpPointIds.Max(id => firsts[id]) - since : null;
    }

    private void Count(string operation)
    {
        Interlocked.Increment(ref _acknowledged);
        _acknowledgedByOperation.AddOrUpdate(operation, 1, (_, count) => count + 1);
    }
}
