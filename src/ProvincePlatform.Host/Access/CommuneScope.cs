using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Requests;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// The commune a request is about, read off its route however the resource is addressed: every id of ours starts
/// with its commune's code, so no grain is asked (and no existence revealed) before the scope is known.
/// </summary>
/// <param name="CommuneCode">The commune, or null when the id is not well formed.</param>
/// <param name="HiddenAs">For bookings and requests, whose very existence is citizens' data: the refusal a client
/// outside the commune gets instead of 403, the same one an unknown id gets.</param>
public sealed record CommuneScope(string? CommuneCode, RefusalCode? HiddenAs)
{
    /// <summary>The scope of the route, most specific id first; null when the route names no commune at all.</summary>
    public static CommuneScope? Of(RouteValueDictionary route) =>
        route["requestId"] is string requestId ? new(CommuneOfRequest(requestId), RefusalCode.RequestNotFound)
        : route["bookingId"] is string bookingId ? new(CommuneOfBooking(bookingId), RefusalCode.BookingNotFound)
        : route["helpPointId"] is string helpPointId ? new(CommuneOfHelpPoint(helpPointId), null)
        : route["communeCode"] is string communeCode ? new(communeCode, null)
        : null;

    public static string? CommuneOfRequest(string requestId) =>
        RequestIds.TryGetCommuneCode(requestId, out var commune) ? commune : null;

    public static string? CommuneOfBooking(string bookingId) =>
        BookingIds.TryGetHelpPointId(bookingId, out var helpPointId) ? CommuneOfHelpPoint(helpPointId) : null;

    public static string? CommuneOfHelpPoint(string helpPointId) =>
        HelpPointIds.TryGetCommuneCode(helpPointId, out var commune) ? commune : null;
}
