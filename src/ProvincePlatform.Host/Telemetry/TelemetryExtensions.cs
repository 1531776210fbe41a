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
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and nowhere else when it is not. Spans are recorded only when they go
/// somewhere (<see cref="RecordTracesSetting"/>): recording a span for every grain call and SQL statement that no
/// one will read costs a tenth of a booking's time. Logs keep their trace ids either way.
/// </summary>
public static class TelemetryExtensions
{
    public const string ServiceName = "province-platform";
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Whether spans are recorded; by default, when they are exported by OTLP.</summary>
    public const string RecordTracesSetting = "Telemetry:RecordTraces";

    /// <summary>Orleans' activity sources: grain calls (application), and the runtime's own work.</summary>
    private static readonly string[] s_orleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId));
        if (RecordsTraces(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(s_orleansSources));
        }

        telemetry
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
        if (Exports(builder.Configuration))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Whether spans are recorded (<see cref="RecordTracesSetting"/>); grain calls carry trace context only then.</summary>
    public static bool RecordsTraces(IConfiguration configuration) =>
        configuration.GetValue(RecordTracesSetting, defaultValue: Exports(configuration));

    /// <summary><c>/metrics</c> for Prometheus; like the health checks it needs no key and is not rate limited.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    private static bool Exports(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[OtlpEndpointSetting]);

    /// <summary>Scrapes and probes are not traced: they would drown the requests of people.</summary>
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health");
}
