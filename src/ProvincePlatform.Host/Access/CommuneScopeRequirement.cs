using Microsoft.AspNetCore.Authorization;

namespace ProvincePlatform.Host.Access;

/// <summary>The route's commune must be one the client serves (see <see cref="GatewayClient.Serves"/>).</summary>
public sealed class CommuneScopeRequirement : IAuthorizationRequirement
{
    public static CommuneScopeRequirement Instance { get; } = new();
}

/// <summary>
/// Decides <see cref="CommuneScopeRequirement"/> from the route. A route that names no commune fails it: a policy with
/// a scope belongs on commune routes only, and a mistake there must deny rather than reach every commune.
/// </summary>
public sealed class CommuneScopeHandler : AuthorizationHandler<CommuneScopeRequirement, HttpContext>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, CommuneScopeRequirement requirement, HttpContext resource)
    {
        var client = resource.Features.Get<GatewayClient>();
        var scope = CommuneScope.Of(resource.Request.RouteValues);
        if (client is not null && scope is not null && (client.Role != GatewayRole.CommunePortal
            || (scope.CommuneCode is { } commune && client.Serves(commune))))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new OutsideScope(this, scope));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Why <see cref="CommuneScopeHandler"/> refused: the scope, which says whether to answer 403 or 404.</summary>
public sealed class OutsideScope(IAuthorizationHandler handler, CommuneScope? scope)
    : AuthorizationFailureReason(handler, "The route's commune is outside the client's communes.")
{
    public CommuneScope? Scope { get; } = scope;
}
