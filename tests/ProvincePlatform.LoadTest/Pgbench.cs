using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ProvincePlatform.Testing.Postgres;

namespace ProvincePlatform.LoadTest;

/// <summary>
/// pgbench on the run's PostgreSQL, in a database of its own: <c>-i -s 10</c>, then <c>-N</c> (the simple-update
/// script without the contended branch and teller updates) for the durable-write ceiling.
/// </summary>
public static partial class Pgbench
{
    public static async Task<double> TransactionsPerSecondAsync(int port, int clients, int threads, TimeSpan duration, TextWriter log)
    {
        await RunAsync("createdb", ["-h", "127.0.0.1", "-p", Port(port), "-U", "postgres", "pgbench"]);
        await RunAsync("pgbench", ["-h", "127.0.0.1", "-p", Port(port), "-U", "postgres", "-i", "-s", "10", "-q", "pgbench"]);
        var output = await RunAsync("pgbench", ["-h", "127.0.0.1", "-p", Port(port), "-U", "postgres", "-N",
            "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", threads.ToString(CultureInfo.InvariantCulture),
            "-T", ((int)Math.Max(1, duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture), "pgbench"]);
        var match = Tps().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"No tps in pgbench's output:\n{output}");
        }

        var latency = Latency().Match(output);
        log.WriteLine($"  pgbench -N -c {clients} -j {threads} -T {duration.TotalSeconds:F0}: {match.Groups[1].Value} tps"
            + (latency.Success ? $", average latency {latency.Groups[1].Value} ms" : ""));
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a PostgreSQL client tool, as the postgres user when this process is root (as the server runs).</summary>
    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(ThrowawayPostgresServer.BinDirectory, tool);
        var (file, all) = Environment.IsPrivilegedProcess
            ? (File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser", (IReadOnlyList<string>)["-u", "postgres", "--", path, .. arguments])
            : (path, arguments);
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/tmp" };
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await error}");
        }

        return await output + await error;
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
