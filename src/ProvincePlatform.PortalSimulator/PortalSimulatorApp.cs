using Microsoft.Extensions.Options;
using ProvincePlatform.Portal.Http;
using ProvincePlatform.Portal.Simulation;
using ProvincePlatform.PortalSimulator.Apis;

namespace ProvincePlatform.PortalSimulator;

/// <summary>The simulator service, built the same way by its Program and by tests that start it on a free port.</summary>
public static class PortalSimulatorApp
{
    /// <summary>The configuration section of the simulation's settings.</summary>
    public const string SimulationSection = "Simulation";

    /// <param name="configure">Runs after the simulator's own registrations, before the application is built.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpJsonOptions(options => PortalJson.Configure(options.SerializerOptions));
        // Unreadable bodies are thrown in every environment so that they are answered as a problem document naming
        // what is wrong (never the values sent), with the 400 they carry rather than a 500.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "Bad request";
                context.ProblemDetails.Detail = bad.InnerException?.Message ?? bad.Message;
            }
        });
        builder.Services.AddHealthChecks();
        builder.Services.AddOptions<PortalSimulationOptions>().Bind(builder.Configuration.GetSection(SimulationSection));
        builder.Services.AddSingleton(_ => new AdjustableTimeProvider(TimeProvider.System));
        builder.Services.AddSingleton(provider => new PortalSimulation(
            provider.GetRequiredService<AdjustableTimeProvider>(),
            provider.GetRequiredService<IOptions<PortalSimulationOptions>>().Value));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.MapHealthChecks("/health");
        app.MapDossiersApi();
        app.MapSimulatorAdminApi();
        return app;
    }
}
