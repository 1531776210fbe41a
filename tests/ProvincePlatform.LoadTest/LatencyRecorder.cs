using System.Diagnostics;
using System.Net;

namespace ProvincePlatform.LoadTest;

/// <summary>
/// Every latency sample of one operation (microseconds) and its outcomes by HTTP status. All samples are kept: a
/// run of minutes at a few thousand requests a second is a few megabytes, and exact percentiles need no histogram.
/// </summary>
public sealed class LatencyRecorder(string operation)
{
    private readonly Lock _gate = new();
    private readonly List<long> _micros = [];
    private readonly List<long> _completedAt = [];
    private readonly Dictionary<int, int> _statuses = [];

    public string Operation { get; } = operation;

    /// <summary>Records one answered (or failed) request; status 0 stands for no answer (time-out, connection refused).</summary>
    public void Record(TimeSpan latency, int status)
    {
        lock (_gate)
        {
            _micros.Add((long)(latency.TotalMilliseconds * 1000));
            _completedAt.Add(Stopwatch.GetTimestamp());
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public void Record(TimeSpan latency, HttpStatusCode status) => Record(latency, (int)status);

    public OperationFigures Figures(TimeSpan elapsed)
    {
        lock (_gate)
        {
            var sorted = _micros.ToArray();
            Array.Sort(sorted);
            var successes = _statuses.Where(entry => entry.Key is >= 200 and < 300).Sum(entry => entry.Value);
            return new OperationFigures(
                Operation,
                sorted.Length,
                successes,
                elapsed.TotalSeconds > 0 ? sorted.Length / elapsed.TotalSeconds : 0,
                Percentile(sorted, 0.50),
                Percentile(sorted, 0.90),
                Percentile(sorted, 0.99),
                sorted.Length == 0 ? 0 : sorted[^1] / 1000.0,
                new SortedDictionary<int, int>(_statuses));
        }
    }

    /// <summary>
    /// The samples by the second they completed in, counted from <paramref name="origin"/> (a <see cref="Stopwatch"/>
    /// timestamp): a stall of a second or two, which the phase's percentiles spread thin, stands out here.
    /// </summary>
    public IReadOnlyList<SecondFigures> Timeline(long origin)
    {
        lock (_gate)
        {
            return [.. _micros.Zip(_completedAt)
                .GroupBy(sample => (int)Stopwatch.GetElapsedTime(origin, sample.Second).TotalSeconds)
                .OrderBy(second => second.Key)
                .Select(second =>
                {
                    var sorted = second.Select(sample => sample.First).Order().ToArray();
                    return new SecondFigures(second.Key, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1] / 1000.0);
                })];
        }
    }

    /// <summary>The exact percentile of sorted microseconds, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] / 1000.0;
}

/// <summary>One second of one operation: how many completed in it, and their latencies in milliseconds.</summary>
public sealed record SecondFigures(int Second, int Count, double P50, double P99, double Max);

/// <summary>One operation's figures: latencies in milliseconds, throughput in requests per second.</summary>
public sealed record OperationFigures(
    string Operation,
    int Count,
    int Successes,
    double PerSecond,
    double P50,
    double P90,
    double P99,
    double Max,
    SortedDictionary<int, int> Statuses)
{
    public bool AnyServerError => Statuses.Keys.Any(status => status >= 500 || status == 0);
}
