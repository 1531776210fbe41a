using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// One row of the authorization matrix: a route as the host maps it, the policy it must carry, and the status each
/// kind of caller gets for a valid request to it (callers without a known key always get 401).
/// </summary>
/// <param name="Name">The endpoint's name, which the case names show.</param>
/// <param name="Pattern">The route template under <c>/api/v1</c>; the request goes to it with the scene's ids filled in.</param>
/// <param name="Admin">The success status, which the province admin gets everywhere.</param>
/// <param name="HiddenAs">The problem type slug of a 404 that hides a resource of another commune, for those that have one.</param>
/// <param name="WithRolloutOperation">Whether the scene needs a rollout operation, for routes that address one.</param>
public sealed record MatrixRoute(
    string Name,
    HttpMethod Method,
    string Pattern,
    string Policy,
    HttpStatusCode Admin,
    HttpStatusCode Ops,
    HttpStatusCode PortalOwn,
    HttpStatusCode PortalForeign,
    Func<Scene, object?>? Body = null,
    Func<Scene, string>? Query = null,
    SessionTiming Timing = SessionTiming.Tomorrow,
    string? HiddenAs = null,
    bool WithRolloutOperation = false)
{
    public string Key => $"{Method.Method} {Pattern}";

    public HttpStatusCode StatusFor(Caller caller) =>
        caller.Client is null ? HttpStatusCode.Unauthorized
        : caller == Caller.Admin ? Admin
        : caller == Caller.Ops ? Ops
        : caller == Caller.PortalOwn ? PortalOwn
        : caller == Caller.PortalForeign ? PortalForeign
        : throw new ArgumentOutOfRangeException(nameof(caller), caller, "Not a caller of the matrix.");

    public HttpRequestMessage RequestTo(Scene scene)
    {
        var path = Pattern
            .Replace("{communeCode}", scene.CommuneCode, StringComparison.Ordinal)
            .Replace("{helpPointId}", scene.HelpPointId, StringComparison.Ordinal)
            .Replace("{sessionId}", scene.SessionId, StringComparison.Ordinal)
            .Replace("{bookingId}", scene.BookingId, StringComparison.Ordinal)
            .Replace("{requestId}", scene.RequestId, StringComparison.Ordinal)
            .Replace("{operationId}", scene.OperationId, StringComparison.Ordinal);
        return new HttpRequestMessage(Method, path + Query?.Invoke(scene))
        {
            Content = Body?.Invoke(scene) is { } body ? HttpJson.Content(body) : null,
        };
    }
}
