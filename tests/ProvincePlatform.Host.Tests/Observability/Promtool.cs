using System.Diagnostics;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Observability;

/// <summary>
/// Prometheus' <c>promtool</c> (Debian package <c>prometheus</c>), run in <c>deploy/observability/</c> on the files
/// there. Where it is missing, a root test process installs it once with <c>deploy/observability/ensure-promtool.sh</c>,
/// as the PostgreSQL tests install their server; otherwise the test fails saying how to install it.
/// </summary>
public static class Promtool
{
    private static readonly TimeSpan s_runDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_installDeadline = TimeSpan.FromMinutes(10);

    /// <summary>One install attempt per test process, however many tests ask at once.</summary>
    private static readonly Lazy<Task<string>> s_path = new(FindOrInstallAsync);

    /// <summary>Runs promtool with the arguments in <c>deploy/observability/</c>.</summary>
    public static async Task<ProcessResult> RunAsync(params string[] arguments) =>
        await RunProcessAsync(await s_path.Value, arguments, ObservabilityFiles.Directory, s_runDeadline);

    private static async Task<string> FindOrInstallAsync()
    {
        if (Find() is { } found)
        {
            return found;
        }

        var script = Path.Combine(ObservabilityFiles.Directory, "ensure-promtool.sh");
        if (Environment.IsPrivilegedProcess)
        {
            var install = await RunProcessAsync("bash", [script], ObservabilityFiles.Directory, s_installDeadline);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} exited with {install.ExitCode}:\n{install.Output}");
            }
        }

        return Find() ?? throw new InvalidOperationException(
            "promtool is not installed. Install the Debian package prometheus (`apt-get install --no-install-recommends "
            + $"prometheus`, which {script} does).");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);

    private static async Task<ProcessResult> RunProcessAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {deadline}.");
        }

        return new ProcessResult(process.ExitCode, await output + await error);
    }
}

/// <summary>What a process said (standard output, then standard error) and how it exited.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>The files of <c>deploy/observability/</c>, found from the test's output folder up to the repository.</summary>
public static class ObservabilityFiles
{
    public const string AlertRules = "alert-rules.yml";
    public const string AlertRulesTests = "alert-rules.test.yml";
    public const string PrometheusConfig = "prometheus.yml";
    public const string Dashboard = "grafana-dashboard.json";

    public static string Directory { get; } = Path.Combine(RepositoryFolder.Root, "deploy", "observability");

    public static string Read(string file) => File.ReadAllText(Path.Combine(Directory, file));
}
