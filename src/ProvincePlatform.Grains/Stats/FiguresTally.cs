using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Stats;

namespace ProvincePlatform.Grains.Stats;

/// <summary>Adds up figures of days, requests and other tallies, counting each guided citizen once.</summary>
public sealed class FiguresTally
{
    private readonly Dictionary<RequestStatus, int> _requestsByStatus = [];
    private readonly Dictionary<string, int> _requestsByService = new(StringComparer.Ordinal);
    private HelpPointFigures _bookings = HelpPointFigures.Zero;
    private int _seatsOffered;
    private int _requests;
    private int _requestsFiledOnline;
    private int _guidedRequests;
    private int _guidedRequestsFiledOnline;

    public HashSet<long> Guided { get; } = [];

    /// <summary>Whether a request in this status has reached the national portal.</summary>
    public static bool ReachedPortal(RequestStatus status) => status is RequestStatus.Submitted or RequestStatus.Processing
        or RequestStatus.SupplementRequested or RequestStatus.Completed or RequestStatus.Rejected;

    public void AddDay(HelpPointDay day)
    {
        _bookings += day.Figures;
        Guided.UnionWith(day.Guided);
    }

    public void AddSeatsOffered(int seats) => _seatsOffered += seats;

    public void AddRequests(RequestCount count)
    {
        _requests += count.Count;
        _requestsByStatus[count.Status] = _requestsByStatus.GetValueOrDefault(count.Status) + count.Count;
        _requestsByService[count.ServiceCode] = _requestsByService.GetValueOrDefault(count.ServiceCode) + count.Count;
        var filed = ReachedPortal(count.Status) ? count.Count : 0;
        _requestsFiledOnline += filed;
        if (count.Guided)
        {
            _guidedRequests += count.Count;
            _guidedRequestsFiledOnline += filed;
        }
    }

    /// <summary>Adds another tally's figures; the citizens it guided are added separately, as fingerprints.</summary>
    public void Add(StatsFigures figures, IEnumerable<long> guided)
    {
        _bookings += new HelpPointFigures(figures.Bookings, figures.CheckIns, figures.WalkIns, figures.NoShows, figures.Cancellations, 0);
        _seatsOffered += figures.SeatsOffered;
        _requests += figures.Requests;
        foreach (var (status, count) in figures.RequestsByStatus)
        {
            _requestsByStatus[status] = _requestsByStatus.GetValueOrDefault(status) + count;
        }

        foreach (var (service, count) in figures.RequestsByService)
        {
            _requestsByService[service] = _requestsByService.GetValueOrDefault(service) + count;
        }

        _requestsFiledOnline += figures.RequestsFiledOnline;
        _guidedRequests += figures.GuidedRequests;
        _guidedRequestsFiledOnline += figures.GuidedRequestsFiledOnline;
        Guided.UnionWith(guided);
    }

    public StatsFigures ToFigures() => new(
        Guided.Count,
        _bookings.Bookings,
        _bookings.CheckIns,
        _bookings.NoShows,
        _bookings.WalkIns,
        _bookings.Cancellations,
        _seatsOffered,
        _bookings.CheckIns + _bookings.WalkIns,
        _requests,
        _requestsByStatus.ToImmutableDictionary(),
        _requestsByService.ToImmutableDictionary(StringComparer.Ordinal),
        _requestsFiledOnline,
        _guidedRequests,
        _guidedRequestsFiledOnline);
}
