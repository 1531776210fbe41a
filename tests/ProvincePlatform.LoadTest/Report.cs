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

    /// <param name="met">Null when a phase the target needs was not run.</param>
    public static void Target(TextWriter output, string name, string figure, bool? met) =>
        output.WriteLine(met is null ? $"  (not measured)  {name}" : $"  {(met.Value ? "MET    " : "NOT MET")}  {name}: {figure}");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Mebibytes(long bytes) => Invariant($"{bytes / 1024.0 / 1024.0:F0} MiB");
}
