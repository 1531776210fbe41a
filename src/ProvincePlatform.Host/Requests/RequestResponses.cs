using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Host.Audit;
using ProvincePlatform.Host.Bookings;

namespace ProvincePlatform.Host.Requests;

public sealed record RequestAcceptedResponse(string Id, RequestStatus Status) : ICreatedResource
{
    public static RequestAcceptedResponse From(RequestView request) => new(request.Id, request.Status);
}

/// <summary>A request as a portal reads it; the citizen's ID number is masked to its last three digits.</summary>
public sealed record RequestResponse(
    string Id,
    string CommuneCode,
    string ServiceCode,
    RequestStatus Status,
    IReadOnlyList<RequestHistoryEntry> History,
    string? PortalReceipt,
    string? BookingId,
    CitizenBody Citizen,
    IReadOnlyDictionary<string, string> Form,
    DateTimeOffset CreatedAt)
{
    public static RequestResponse From(RequestView request) => new(
        request.Id, request.CommuneCode, request.ServiceCode, request.Status, request.History, request.PortalReceipt,
        request.BookingId,
        new CitizenBody(CitizenRules.MaskIdNumber(request.Citizen.IdNumber), request.Citizen.FullName, request.Citizen.Phone),
        request.Form, request.CreatedAt);
}

public sealed record RequestPageResponse(IReadOnlyList<RequestSummary> Items, int Page, int PageSize, int Total);
