using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ProvincePlatform.Host.Tests.PersonalData;

/// <summary>
/// Everything the process says about itself while it is installed: every log record (message, state, scopes and
/// exception), every finished activity of every source (names, tags, events, status, baggage) and every measurement
/// of every meter with its tags, as text, so a test can search it for what must never be there.
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider, IDisposable
{
    private readonly ConcurrentQueue<string> _records = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly LoggerExternalScopeProvider _scopes = new();

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _meters.SetMeasurementEventCallback<long>(RecordMeasurement);
        _meters.SetMeasurementEventCallback<int>(RecordMeasurement);
        _meters.SetMeasurementEventCallback<double>(RecordMeasurement);
        _meters.SetMeasurementEventCallback<float>(RecordMeasurement);
        _meters.SetMeasurementEventCallback<decimal>(RecordMeasurement);
        _meters.SetMeasurementEventCallback<short>(RecordMeasurement);
        _meters.SetMeasurementEventCallback<byte>(RecordMeasurement);
        _meters.Start();
    }

    public int LogRecords => _records.Count(record => record.StartsWith("log ", StringComparison.Ordinal));

    public IEnumerable<string> Activities => _records.Where(record => record.StartsWith("activity ", StringComparison.Ordinal));

    public int Measurements => _records.Count(record => record.StartsWith("metric ", StringComparison.Ordinal));

    /// <summary>The records that contain the text, ordinal and case-insensitive.</summary>
    public IReadOnlyList<string> Containing(string text) =>
        [.. _records.Where(record => record.Contains(text, StringComparison.OrdinalIgnoreCase))];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Activity activity)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"activity {activity.Source.Name} {activity.OperationName} {activity.DisplayName} {activity.StatusDescription}");
        foreach (var (key, value) in activity.TagObjects)
        {
            text.Append(CultureInfo.InvariantCulture, $" {key}={value}");
        }

        foreach (var activityEvent in activity.Events)
        {
            text.Append(CultureInfo.InvariantCulture, $" event {activityEvent.Name}");
            foreach (var (key, value) in activityEvent.Tags)
            {
                text.Append(CultureInfo.InvariantCulture, $" {key}={value}");
            }
        }

        foreach (var (key, value) in activity.Baggage)
        {
            text.Append(CultureInfo.InvariantCulture, $" baggage {key}={value}");
        }

        _records.Enqueue(text.ToString());
    }

    private void RecordMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"metric {instrument.Meter.Name} {instrument.Name} {measurement}");
        foreach (var (key, value) in tags)
        {
            text.Append(CultureInfo.InvariantCulture, $" {key}={value}");
        }

        _records.Enqueue(text.ToString());
    }

    private sealed class CapturingLogger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"log {logLevel} {category} {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> members)
            {
                foreach (var (key, value) in members)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {key}={value}");
                }
            }

            capture._scopes.ForEachScope((scope, builder) => builder.Append(CultureInfo.InvariantCulture, $" scope {scope}"), text);
            text.Append(CultureInfo.InvariantCulture, $" {exception}");
            capture._records.Enqueue(text.ToString());
        }
    }
}
