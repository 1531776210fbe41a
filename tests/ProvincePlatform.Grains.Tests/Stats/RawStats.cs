using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Stats;

/// <summary>
/// The figures of a range computed the slow, obvious way from every booking and request as the grains report them
/// one by one: what the incrementally kept stats must equal.
/// </summary>
public sealed class RawStats(IReadOnlyList<BookingView> bookings, IReadOnlyList<RequestSummary> requests)
{
    public Figures Of(DateOnly from, DateOnly to, Func<BookingView, bool>? bookingFilter = null, Func<RequestSummary, bool>? requestFilter = null)
    {
        var inRange = bookings.Where(booking => SessionDate(booking) is var date && date >= from && date <= to)
            .Where(bookingFilter ?? (_ => true)).ToList();
        var opened = requests.Where(request => VietnamTime.DateOf(request.CreatedAt) is var date && date >= from && date <= to)
            .Where(requestFilter ?? (_ => true)).ToList();
        var booked = inRange.Where(booking => !booking.WalkIn).ToList();
        return new Figures(
            inRange.Where(booking => booking.Status == BookingStatus.CheckedIn).Select(booking => booking.Citizen.IdNumber).Distinct().Count(),
            booked.Count,
            booked.Count(booking => booking.Status == BookingStatus.CheckedIn),
            booked.Count(booking => booking.Status == BookingStatus.NoShow),
            inRange.Count(booking => booking.WalkIn),
            booked.Count(booking => booking.Status == BookingStatus.Cancelled),
            opened.Count,
            Enum.GetValues<RequestStatus>().ToDictionary(status => status, status => opened.Count(request => request.Status == status)),
            opened.GroupBy(request => request.ServiceCode).ToDictionary(group => group.Key, group => group.Count()),
            opened.Count(request => ReachedPortal(request.Status)),
            opened.Count(request => request.BookingId is not null),
            opened.Count(request => request.BookingId is not null && ReachedPortal(request.Status)));
    }

    public static DateOnly SessionDate(BookingView booking) =>
        SessionSlot.TryParseId(booking.SessionId, out var date, out _) ? date : throw new InvalidOperationException(booking.SessionId);

    // Written out here rather than borrowed from the product, so that a mistake there cannot hide in both.
    private static bool ReachedPortal(RequestStatus status) =>
        status is not (RequestStatus.Draft or RequestStatus.Submitting or RequestStatus.Failed);

    public sealed record Figures(
        int CitizensGuided, int Bookings, int CheckIns, int NoShows, int WalkIns, int Cancellations, int Requests,
        Dictionary<RequestStatus, int> RequestsByStatus, Dictionary<string, int> RequestsByService, int RequestsFiledOnline,
        int GuidedRequests, int GuidedRequestsFiledOnline);
}
