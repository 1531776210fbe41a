using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Host.Audit;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// Answers a refused request with a problem document: 401 without a known key, 404 for a booking or request of a
/// commune the client does not serve (as for one that does not exist), 403 for anything else the client may not do.
/// </summary>
/// <remarks>A known client's refused attempt at a write or at citizens' data is audited like an answered one.</remarks>
public sealed partial class AccessResultHandler(AuditTrail trail, ILogger<AccessResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var client = context.Features.Get<GatewayClient>();
        var endpoint = context.GetEndpoint()?.DisplayName;
        if (authorizeResult.Challenged || client is null)
        {
            await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
            await Problems.Of(ProblemType.Unauthorized).ExecuteAsync(context);
            return;
        }

        LogRefused(logger, client.Name, client.Role, endpoint);
        var hidden = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<OutsideScope>()
            .Select(reason => reason.Scope?.HiddenAs).FirstOrDefault(code => code is not null);
        var problem = hidden is { } code ? Problems.Of(new Refusal(code)) : Problems.Of(ProblemType.Forbidden);
        if (AuditTrail.Audits(context))
        {
            await trail.RecordAsync(context, problem.StatusCode, refused: true);
        }

        await problem.ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Client} ({Role}) was refused {Endpoint}")]
    private static partial void LogRefused(ILogger logger, string client, GatewayRole role, string? endpoint);
}
