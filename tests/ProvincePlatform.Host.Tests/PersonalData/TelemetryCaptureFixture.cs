using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ProvincePlatform.Host.Telemetry;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.PersonalData;

/// <summary>
/// A host of its own whose logs go to a <see cref="TelemetryCapture"/>, at every level down to Debug, recording spans
/// as a host that exports them does (grain calls included).
/// </summary>
public sealed class TelemetryCaptureFixture : GatewayFixture
{
    public TelemetryCapture Capture { get; } = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Capture.Dispose();
    }

    protected override void ConfigureHost(WebApplicationBuilder builder) => builder.Logging.AddProvider(Capture);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Logging:LogLevel:Default", "Debug"),
        new("Logging:LogLevel:Orleans", "Debug"),
        new("Logging:LogLevel:Polly", "Debug"),
        new(TelemetryExtensions.RecordTracesSetting, "true"),
    ];
}

[CollectionDefinition(Name)]
public sealed class TelemetryCaptureCollection : ICollectionFixture<TelemetryCaptureFixture>
{
    public const string Name = "telemetry capture";
}
