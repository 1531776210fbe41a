using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using ProvincePlatform.Audit;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Audit;

/// <summary>
/// Records every write and every read of citizens' data in the audit log once the handler has answered and before
/// the answer leaves. A read whose entry cannot be kept is not answered (503): no citizen's data goes out unrecorded.
/// A write has happened by then; if its entry cannot be kept, the answer still goes out and the error log carries
/// the entry, since telling the client the write failed would be untrue.
/// </summary>
public sealed partial class AuditFilter(
    IAuditLog log,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock,
    ILogger<AuditFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        var readsCitizenData = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Any(data => data.Policy is AccessPolicy.CitizenData or AccessPolicy.CitizenLookup) == true;
        var changesNothing = HttpMethods.IsGet(http.Request.Method) || endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Any(data => data.Policy is AccessPolicy.CitizenLookup) == true;
        if (changesNothing && !readsCitizenData)
        {
            return await next(context);
        }

        var result = await next(context);
        var entry = EntryFor(http, endpoint, result);
        try
        {
            await log.AppendAsync(entry, http.RequestAborted);
        }
        catch (AuditUnavailableException) when (!changesNothing)
        {
            LogNotAudited(logger, entry.Client, entry.Action, entry.Resource, entry.Status);
        }

        return result;
    }

    private AuditEntry EntryFor(HttpContext http, Endpoint? endpoint, object? result)
    {
        var client = http.Features.Get<GatewayClient>();
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        var status = outcome is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var scope = CommuneScope.Of(http.Request.RouteValues);
        var resource = http.Features.Get<AuditedResource>()?.Id
            ?? (outcome is IValueHttpResult { Value: ICreatedResource created } ? created.Id : null)
            ?? AddressedId(http.Request.RouteValues)
            ?? http.Request.Path.Value
            ?? string.Empty;
        return new AuditEntry(
            clock.GetUtcNow(),
            client?.Name ?? "(anonymous)",
            client?.Role.ToString() ?? "(none)",
            endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint?.DisplayName ?? "(unknown)",
            http.Request.Method,
            resource,
            scope?.CommuneCode,
            status,
            Activity.Current?.TraceId.ToHexString());
    }

    private static string? AddressedId(RouteValueDictionary route) =>
        (route["requestId"] ?? route["bookingId"] ?? route["helpPointId"] ?? route["communeCode"]) as string;

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Audit entry not kept: client {Client} did {Action} on {Resource}, answered {Status}")]
    private static partial void LogNotAudited(ILogger logger, string client, string action, string resource, int status);
}
