using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using ProvincePlatform.Portal.Http;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Portal;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The name of the portal's resilience pipeline, as it appears in telemetry.</summary>
    public const string ResiliencePipelineName = "portal";

    /// <summary>
    /// Registers <see cref="IPortalClient"/> as a singleton from the <c>Portal</c> section, read when the client is
    /// first resolved. With <c>Portal:BaseUrl</c>, an <see cref="HttpPortalClient"/> whose HttpClient has a total
    /// time-out, retries of reads only, a circuit breaker and a per-attempt time-out, in that order from the outside
    /// in. Without it, an <see cref="InProcessPortalClient"/> over a singleton <see cref="PortalSimulation"/> set up
    /// from <c>Portal:Simulation</c>, on the registered <see cref="TimeProvider"/> (the system clock when none is).
    /// </summary>
    public static IServiceCollection AddPortalClient(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PortalClientOptions.SectionName);
        services.AddOptions<PortalClientOptions>().Bind(section);
        services.AddOptions<PortalSimulationOptions>().Bind(section.GetSection("Simulation"));

        services.TryAddSingleton(provider => new PortalSimulation(
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<IOptions<PortalSimulationOptions>>().Value));

        services.AddHttpClient<HttpPortalClient>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<PortalClientOptions>>().Value;
                if (options.BaseUrl is { } baseUrl)
                {
                    // A trailing slash keeps a base path such as /portal/ when relative routes are resolved against it.
                    client.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
                }

                // The pipeline's total time-out governs; this one only bounds reading a body that stalls.
                client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            // The client lives as long as the singleton that holds it, so connections are recycled instead of handlers.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(ResiliencePipelineName, static (pipeline, context) =>
                ConfigurePipeline(pipeline, context.ServiceProvider.GetRequiredService<IOptions<PortalClientOptions>>().Value));

        services.TryAddSingleton<IPortalClient>(provider =>
            provider.GetRequiredService<IOptions<PortalClientOptions>>().Value.BaseUrl is null
                ? new InProcessPortalClient(provider.GetRequiredService<PortalSimulation>())
                : provider.GetRequiredService<HttpPortalClient>());
        return services;
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PortalClientOptions options)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "portal-total-timeout", Timeout = options.TotalTimeout });

        if (options.Retry.MaxAttempts > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                Name = "portal-read-retry",
                MaxRetryAttempts = options.Retry.MaxAttempts,
                Delay = options.Retry.Delay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            };
            // The portal does not deduplicate: a POST retried after a lost answer would file a second dossier.
            retry.DisableForUnsafeHttpMethods();
            pipeline.AddRetry(retry);
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "portal-circuit-breaker",
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "portal-attempt-timeout", Timeout = options.AttemptTimeout });
    }
}
