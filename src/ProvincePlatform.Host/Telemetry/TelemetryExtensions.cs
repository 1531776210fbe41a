using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProvincePlatform.Grains.Telemetry;

namespace ProvincePlatform.Host.Telemetry;

/// <summary>
/// What the process tells ops, through OpenTelemetry: one trace per request across the gateway, the grain calls,
/// PostgreSQL and the national portal; Orleans', the runtime's and our business metrics, at <c>/metrics</c> for
/// Prometheus; structured logs carrying trace ids. Everything goes out by OTLP too, when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and nowhere else when it is not.
/// </summary>
public static class TelemetryExtensions
{
    public const string ServiceName = "province-platform";
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' activity sources: grain calls (application), and the runtime's own work.</summary>
    private static readonly string[] s_orleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(s_orleansSources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(ProvinceMetrics.MeterName)
                // Every scrape sees the latest values; Prometheus scrapes every few seconds, not every few milliseconds.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithLogging(_ => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary><c>/metrics</c> for Prometheus; like the health checks it needs no key and is not rate limited.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    /// <summary>Scrapes and probes are not traced: they would drown the requests of people.</summary>
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health");
}
