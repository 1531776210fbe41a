using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using ProvincePlatform.Audit;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Audit;

/// <summary>
/// What the gateway audits and how: every write and every read of citizens' data, answered or refused, with who, what,
/// which resource, where and when. The resource and the commune are taken from the route only when they are ids of
/// ours (well formed) or a commune of the register; anything else a client typed there (an ID number pasted where a
/// booking id belongs) is recorded as the route's pattern, so that the log, which is never rewritten, keeps no
/// personal data.
/// </summary>
public sealed partial class AuditTrail(
    IAuditLog log,
    CommuneDirectory directory,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock,
    ILogger<AuditTrail> logger)
{
    /// <summary>Whether calls of the endpoint are audited: writes, and reads of citizens' data.</summary>
    public static bool Audits(HttpContext http) =>
        !ChangesNothing(http) || Policies(http.GetEndpoint()).Any(policy => policy is AccessPolicy.CitizenData or AccessPolicy.CitizenLookup);

    /// <summary>A read: a GET, or a citizen lookup, which is a POST only to keep the ID number out of the URL.</summary>
    public static bool ChangesNothing(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || Policies(http.GetEndpoint()).Contains(AccessPolicy.CitizenLookup);

    /// <summary>
    /// Keeps the entry of a call, answered or refused by authorisation. An answered read waits until its entry is
    /// durable, and throws when it cannot be, so that no citizen's data goes out unrecorded. An answered write has
    /// happened by then, and a refused call did and showed nothing: their answers do not wait for the entry (waiting
    /// would add a database round trip to every write and guarantee nothing more), and an entry that cannot be kept
    /// goes to the error log, since telling the client otherwise would be untrue.
    /// </summary>
    public async Task RecordAsync(HttpContext http, int status, string? createdId = null, bool refused = false)
    {
        var entry = EntryFor(http, status, createdId);
        if (refused || !ChangesNothing(http))
        {
            _ = KeepOrLogAsync(entry);
            return;
        }

        await log.AppendAsync(entry, http.RequestAborted);
    }

    private async Task KeepOrLogAsync(AuditEntry entry)
    {
        try
        {
            await log.AppendAsync(entry, CancellationToken.None);
        }
        catch (AuditUnavailableException)
        {
            LogNotAudited(logger, entry.Client, entry.Action, entry.Resource, entry.Status);
        }
    }

    private static IEnumerable<string?> Policies(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy) ?? [];

    private AuditEntry EntryFor(HttpContext http, int status, string? createdId)
    {
        var endpoint = http.GetEndpoint();
        var client = http.Features.Get<GatewayClient>();
        var commune = CommuneScope.Of(http.Request.RouteValues)?.CommuneCode;
        var resource = http.Features.Get<AuditedResource>()?.Id
            ?? createdId
            ?? AddressedId(http.Request.RouteValues)
            ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText
            ?? "(unknown)";
        return new AuditEntry(
            clock.GetUtcNow(),
            client?.Name ?? "(anonymous)",
            client?.Role.ToString() ?? "(none)",
            endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint?.DisplayName ?? "(unknown)",
            http.Request.Method,
            resource,
            commune is not null && directory.Find(commune) is not null ? commune : null,
            status,
            Activity.Current?.TraceId.ToHexString());
    }

    /// <summary>The most specific id the route names, when it is one of ours; null when it is not.</summary>
    private string? AddressedId(RouteValueDictionary route) =>
        route["requestId"] is string requestId ? (RequestIds.TryGetCommuneCode(requestId, out _) ? requestId : null)
        : route["bookingId"] is string bookingId ? (BookingIds.TryGetHelpPointId(bookingId, out _) ? bookingId : null)
        : route["helpPointId"] is string helpPointId ? (HelpPointIds.IsWellFormed(helpPointId) ? helpPointId : null)
        : route["communeCode"] is string communeCode ? (directory.Find(communeCode) is not null ? communeCode : null)
        : null;

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Audit entry not kept: client {Client} did {Action} on {Resource}, answered {Status}")]
    private static partial void LogNotAudited(ILogger logger, string client, string action, string resource, int status);
}
