namespace ProvincePlatform.Host.Operations;

/// <summary>
/// What the people and machines that run the platform reach besides the API: the health checks
/// (<see cref="OperationsHealth"/>) and the Orleans dashboard (<see cref="OrleansDashboardForOps"/>) behind an Ops or
/// ProvinceAdmin key or a session opened with one (<see cref="OperationsAccess"/>, <see cref="OperationsSignIn"/>).
/// </summary>
public static class OperationsExtensions
{
    /// <summary>Adds the health checks, the operations access and the dashboard; after the gateway, whose authorisation it extends.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.AddOperationsHealth();
        builder.AddOperationsAccess();
        builder.AddOrleansDashboardForOps();
        return builder;
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c>, <c>/ops/sign-in</c>, <c>/ops/sign-out</c> and <c>/ops/orleans/</c>.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOperationsHealth();
        app.MapOperationsSignIn();
        app.MapOrleansDashboardForOps();
        return app;
    }
}
