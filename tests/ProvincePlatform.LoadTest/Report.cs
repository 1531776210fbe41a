using System.Globalization;

namespace ProvincePlatform.LoadTest;

/// <summary>Prints phases as tables and targets as met / not met.</summary>
public static class Report
{
    public static void Print(PhaseReport phase, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"== {phase.Name} ({phase.Mode}, {phase.Elapsed.TotalSeconds:F1} s) =="));
        output.WriteLine(Invariant($"{"operation",-18} {"count",8} {"req/s",9} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",9}  statuses"));
        foreach (var figures in phase.Operations)
        {
            var statuses = string.Join(' ', figures.Statuses.Select(entry => Invariant($"{(entry.Key == 0 ? "none" : entry.Key.ToString(CultureInfo.InvariantCulture))}:{entry.Value}")));
            output.WriteLine(Invariant(
                $"{figures.Operation,-18} {figures.Count,8} {figures.PerSecond,9:F1} {figures.P50,8:F2} {figures.P90,8:F2} {figures.P99,8:F2} {figures.Max,9:F2}  {statuses}"));
        }
    }

    /// <summary>Each operation of the phase second by second: a stall shows as a second of high p99 and max.</summary>
    public static void PrintTimeline(PhaseReport phase, TextWriter output)
    {
        foreach (var (operation, seconds) in phase.Timelines.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            output.WriteLine(Invariant($"  {operation}, second by second:"));
            output.WriteLine(Invariant($"  {"s",5} {"count",7} {"p50 ms",8} {"p99 ms",8} {"max ms",9}"));
            foreach (var second in seconds)
            {
                output.WriteLine(Invariant($"  {second.Second,5} {second.Count,7} {second.P50,8:F2} {second.P99,8:F2} {second.Max,9:F2}"));
            }
        }
    }

    /// <param name="met">Null when a phase the target needs was not run.</param>
    public static void Target(TextWriter output, string name, string figure, bool? met) =>
        output.WriteLine(met is null ? $"  (not measured)  {name}" : $"  {(met.Value ? "MET    " : "NOT MET")}  {name}: {figure}");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Mebibytes(long bytes) => Invariant($"{bytes / 1024.0 / 1024.0:F0} MiB");
}
