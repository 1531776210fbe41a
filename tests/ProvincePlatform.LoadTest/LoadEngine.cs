using System.Collections.Concurrent;
using System.Diagnostics;

namespace ProvincePlatform.LoadTest;

/// <summary>
/// One operation of a workload. <paramref name="startTimestamp"/> is when it was due (<see cref="Stopwatch"/>
/// ticks): the time it is called in a closed loop, its slot on the timetable in an open loop, so that latency counts
/// the wait for a late start and coordinated omission does not hide queueing.
/// </summary>
public delegate Task Operation(Recorders recorders, long startTimestamp, CancellationToken cancellationToken);

/// <summary>The recorders of one measured phase, one per operation name.</summary>
public sealed class Recorders
{
    private readonly ConcurrentDictionary<string, LatencyRecorder> _byOperation = new();

    /// <summary>When the phase began (a <see cref="Stopwatch"/> timestamp), the origin of its timeline.</summary>
    public long Started { get; } = Stopwatch.GetTimestamp();

    public LatencyRecorder this[string operation] => _byOperation.GetOrAdd(operation, name => new LatencyRecorder(name));

    public IReadOnlyList<OperationFigures> Figures(TimeSpan elapsed) =>
        [.. _byOperation.Values.Select(recorder => recorder.Figures(elapsed)).OrderBy(figures => figures.Operation, StringComparer.Ordinal)];

    /// <summary>Each operation's figures second by second.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SecondFigures>> Timelines() =>
        _byOperation.Values.ToDictionary(recorder => recorder.Operation, recorder => recorder.Timeline(Started), StringComparer.Ordinal);

    public static TimeSpan Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp);
}

/// <summary>The figures of one measured phase, and the same second by second.</summary>
public sealed record PhaseReport(
    string Name, string Mode, TimeSpan Elapsed, IReadOnlyList<OperationFigures> Operations,
    IReadOnlyDictionary<string, IReadOnlyList<SecondFigures>> Timelines)
{
    public PhaseReport(string name, string mode, TimeSpan elapsed, Recorders recorders)
        : this(name, mode, elapsed, recorders.Figures(elapsed), recorders.Timelines())
    {
    }

    public OperationFigures? Operation(string name) => Operations.FirstOrDefault(figures => figures.Operation == name);

    public double TotalPerSecond => Operations.Sum(figures => figures.PerSecond);
}

/// <summary>Runs an operation closed-loop (N clients, each starting the next as the last ends) or open-loop (a fixed timetable).</summary>
public static class LoadEngine
{
    /// <summary>
    /// N clients, each calling the operation again as soon as its last call ended, for the duration, after a warm-up
    /// whose figures are dropped (connections opened, grains activated, the JIT done).
    /// </summary>
    public static Task<PhaseReport> ClosedLoopAsync(string name, int clients, TimeSpan warmUp, TimeSpan duration, Operation operation) =>
        MeasureAsync(name, $"closed loop, {clients} clients", warmUp, duration,
            (length, recorders) => ClosedLoopOnceAsync(clients, length, operation, recorders));

    /// <summary>
    /// Calls the operation on a fixed timetable, <paramref name="perSecond"/> times a second, however long the calls
    /// take (no cap on calls in flight); each call's latency runs from its slot on the timetable.
    /// </summary>
    public static Task<PhaseReport> OpenLoopAsync(string name, double perSecond, TimeSpan warmUp, TimeSpan duration, Operation operation) =>
        MeasureAsync(name, $"open loop, {perSecond:F0}/s", warmUp, duration,
            (length, recorders) => OpenLoopOnceAsync(perSecond, length, operation, recorders));

    /// <summary>Runs the loop for the warm-up, whose figures are dropped, then for the duration, whose figures are the phase's.</summary>
    private static async Task<PhaseReport> MeasureAsync(
        string name, string mode, TimeSpan warmUp, TimeSpan duration, Func<TimeSpan, Recorders, Task<TimeSpan>> run)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await run(warmUp, new Recorders());
        }

        var recorders = new Recorders();
        var elapsed = await run(duration, recorders);
        return new PhaseReport(name, mode, elapsed, recorders);
    }

    private static async Task<TimeSpan> ClosedLoopOnceAsync(int clients, TimeSpan duration, Operation operation, Recorders recorders)
    {
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // The calls themselves are not cancelled: a call cut short would be neither a success nor an error.
                await operation(recorders, Stopwatch.GetTimestamp(), CancellationToken.None);
            }
        }));
        await Task.WhenAll(workers);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<TimeSpan> OpenLoopOnceAsync(double perSecond, TimeSpan duration, Operation operation, Recorders recorders)
    {
        var started = Stopwatch.GetTimestamp();
        var ticksPerCall = Stopwatch.Frequency / perSecond;
        var total = (long)(perSecond * duration.TotalSeconds);
        var inFlight = new List<Task>();
        long launched = 0;
        while (launched < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond) + 1);
            for (; launched < due; launched++)
            {
                var slot = started + (long)(launched * ticksPerCall);
                inFlight.Add(Task.Run(() => operation(recorders, slot, CancellationToken.None)));
            }

            inFlight.RemoveAll(task => task.IsCompleted);
            await Task.Delay(TimeSpan.FromMilliseconds(1));
        }

        await Task.WhenAll(inFlight);
        return TimeSpan.FromSeconds(total / perSecond);
    }
}
