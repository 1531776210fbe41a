using System.Collections.Immutable;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Requests;

/// <summary>
/// Counts of a commune's requests by opening date, service, status and guidance, kept beside the register so that
/// the stats read counts rather than every request, and always agree with what the register lists.
/// </summary>
public sealed class RequestTally
{
    private readonly Dictionary<Bucket, int> _counts = [];

    public RequestTally(IEnumerable<RequestSummary> requests)
    {
        foreach (var request in requests)
        {
            Change(request, +1);
        }
    }

    /// <summary>Moves a request from the bucket of its previous summary (if any) to that of its new one.</summary>
    public void Replace(RequestSummary? previous, RequestSummary current)
    {
        if (previous is not null)
        {
            Change(previous, -1);
        }

        Change(current, +1);
    }

    public ImmutableArray<RequestCount> Between(DateOnly from, DateOnly to) =>
    [
        .. _counts.Where(pair => pair.Key.Date >= from && pair.Key.Date <= to)
            .Select(pair => new RequestCount(pair.Key.Date, pair.Key.ServiceCode, pair.Key.Status, pair.Key.Guided, pair.Value)),
    ];

    private void Change(RequestSummary request, int by)
    {
        var bucket = new Bucket(VietnamTime.DateOf(request.CreatedAt), request.ServiceCode, request.Status, request.BookingId is not null);
        var count = _counts.GetValueOrDefault(bucket) + by;
        if (count == 0)
        {
            _counts.Remove(bucket);
        }
        else
        {
            _counts[bucket] = count;
        }
    }

    private readonly record struct Bucket(DateOnly Date, string ServiceCode, RequestStatus Status, bool Guided);
}
