using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;

namespace ProvincePlatform.Contracts.Requests;

/// <summary>A citizen request as its grain holds it.</summary>
[GenerateSerializer, Immutable, Alias("pp.RequestView")]
public sealed record RequestView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommuneCode,
    [property: Id(2)] string ServiceCode,
    [property: Id(3)] RequestStatus Status,
    [property: Id(4)] ImmutableArray<RequestHistoryEntry> History,
    [property: Id(5)] string? PortalReceipt,
    [property: Id(6)] string? BookingId,
    [property: Id(7)] Citizen Citizen,
    [property: Id(8)] ImmutableDictionary<string, string> Form,
    [property: Id(9)] DateTimeOffset CreatedAt)
{
    public RequestSummary Summary() =>
        new(Id, CommuneCode, ServiceCode, Status, CreatedAt, History.IsDefaultOrEmpty ? CreatedAt : History[^1].At, BookingId);
}
