using Orleans.Dashboard;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) at <c>/ops/orleans/</c>: the cluster's silos, grain activations,
/// calls, errors and reminders, for Ops and ProvinceAdmin (<see cref="OperationsAccess"/>). Two of its routes are shut,
/// for every role, since the dashboard's access is not audited: <c>GrainState</c>, which would show a grain's stored state
/// (bookings and requests hold citizens' names, ID numbers and phones), and <c>Trace</c>, the live stream of the logs,
/// which are shipped and kept elsewhere.
/// </summary>
public static class OrleansDashboardForOps
{
    public const string Path = OperationsAccess.PathPrefix + "/orleans";

    private const string GrainStateRoute = "/GrainState";

    public static void AddOrleansDashboardForOps(this WebApplicationBuilder builder) =>
        builder.UseOrleans(silo => silo.AddDashboard(options => options.HideTrace = true));

    public static void MapOrleansDashboardForOps(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOrleansDashboard(routePrefix: Path)
            .RequireAuthorization(OperationsAccess.PolicyName)
            .RequireRateLimiting(OperationsAccess.RateLimitPolicy)
            .ExcludeFromDescription()
            .AddEndpointFilter(static (context, next) =>
                (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.EndsWith(GrainStateRoute, StringComparison.OrdinalIgnoreCase) == true
                    ? ValueTask.FromResult<object?>(Problems.Of(ProblemType.Forbidden,
                        "Grain state is not shown: grains hold citizens' personal data."))
                    : next(context));
}
