using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using ProvincePlatform.Host.Telemetry;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Telemetry;

/// <summary>
/// A host of its own, so that its counters start at zero and count only what the telemetry tests do, with every
/// finished span also kept in memory. Its collection runs alone: meters and activity sources are process-wide.
/// </summary>
public sealed class TelemetryFixture : GatewayFixture
{
    /// <summary>What the in-memory exporter received; it exports while tests read.</summary>
    public LockedCollection<Activity> Exported { get; } = [];

    public RequestEnds RequestEnds { get; } = new();

    /// <summary>What the OpenTelemetry logging provider exported.</summary>
    public LockedCollection<LogRecord> Logs { get; } = [];

    public IReadOnlyList<Activity> SpansOf(ActivityTraceId trace) => [.. Exported.Snapshot().Where(span => span.TraceId == trace)];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new(TelemetryExtensions.RecordTracesSetting, "true")];

    // The exporter first: processors run in order, so a request's end is signalled after its spans are exported.
    protected override void ConfigureHost(WebApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Exported).AddProcessor(RequestEnds));
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(Logs));
    }
}

/// <summary>Lets a test wait for the span that ends a request, which ends after the response is sent, instead of sleeping.</summary>
public sealed class RequestEnds : BaseProcessor<Activity>
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Activity>> _byPath = new(StringComparer.Ordinal);

    /// <summary>The server span of the request to the path, once it has ended.</summary>
    public Task<Activity> OfAsync(string path) => Waiter(path).Task.WaitAsync(TimeSpan.FromSeconds(30));

    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Server && data.GetTagItem("url.path") is string path)
        {
            Waiter(path).TrySetResult(data);
        }
    }

    private TaskCompletionSource<Activity> Waiter(string path) =>
        _byPath.GetOrAdd(path, _ => new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>A collection that one thread may add to while another reads a snapshot.</summary>
public sealed class LockedCollection<T> : Collection<T>
{
    private readonly Lock _lock = new();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. this];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_lock)
        {
            base.InsertItem(index, item);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
