using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProvincePlatform.Host.Hosting;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// The health checks. <c>/health/live</c> runs none: it answers 200 <c>Healthy</c> (plain text) while the process can
/// answer at all, so that an orchestrator never restarts a live process for a dependency's sake. <c>/health/ready</c>
/// runs every check tagged <see cref="ReadyTag"/> (the silo's membership, PostgreSQL where configured, the national
/// portal) and answers 200 when the worst is Healthy or Degraded, 503 when one is Unhealthy, with a JSON body
/// (<see cref="HealthReportJson"/>). Both need no key and are not rate limited.
/// </summary>
public static class OperationsHealth
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the checks that readiness runs.</summary>
    public const string ReadyTag = "ready";

    public const string SiloCheck = "silo";
    public const string DatabaseCheck = "postgres";
    public const string PortalCheck = "portal";

    public static void AddOperationsHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiloHealthCheck>();
        builder.Services.AddSingleton<PortalHealthCheck>();
        var health = builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>(SiloCheck, HealthStatus.Unhealthy, [ReadyTag])
            // Degraded even if it ever threw past its own handling: the portal never makes the silo unready.
            .AddCheck<PortalHealthCheck>(PortalCheck, HealthStatus.Degraded, [ReadyTag]);
        if (DatabaseSettings.From(builder.Configuration) is { } database)
        {
            health.Add(new HealthCheckRegistration(
                DatabaseCheck,
                services => DatabaseHealthCheck.Of(database, services.GetService<TimeProvider>() ?? TimeProvider.System),
                HealthStatus.Unhealthy,
                [ReadyTag]));
        }
    }

    public static void MapOperationsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportJson.WriteAsync,
        }).AllowAnonymous();
    }
}
