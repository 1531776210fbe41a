using System.Diagnostics;
using System.Globalization;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>
/// A .NET application run as a process of its own (<c>dotnet app.dll args</c>), its standard output and error kept
/// (the latest lines, each stamped with the time it arrived) for failure messages. Disposing kills it if it still
/// runs, so a failing test leaves nothing behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;

    /// <summary>
    /// Settings inherited from the test's environment that would configure the application behind the test's back
    /// (a developer's <c>ConnectionStrings__Orleans</c>, say); the tests pass what they mean on the command line.
    /// </summary>
    private static readonly string[] s_withheldPrefixes =
    [
        "ConnectionStrings__", "Orleans__", "Database__", "Portal__", "Submissions__", "Citizens__", "Communes__", "Demo__",
        "Simulation__", "Logging__", "Urls", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "DOTNET_URLS",
    ];

    /// <summary>The processes still running, killed should the test run itself end (aborted, timed out) before they are.</summary>
    private static readonly HashSet<ChildProcess> s_running = [];

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (s_running)
        {
            foreach (var child in s_running)
            {
                child.Kill();
            }
        }
    };

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(BuiltApps.Dotnet)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in start.Environment.Keys.Where(key => s_withheldPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, line) => child.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => child.Keep(line.Data);
        process.Start();
        lock (s_running)
        {
            s_running.Add(child);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Everything kept of the process's output, for messages and the test log.</summary>
    public string Output(int lastLines = KeptLines)
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lastLines)));
        }
    }

    /// <summary>The latest lines of output under a heading naming the process, for assertion messages.</summary>
    public string Tail(int lastLines = 40) =>
        $"--- {Name} (pid {_process.Id}{(HasExited ? $", exited with {ExitCode}" : "")}), last {lastLines} lines ---\n{Output(lastLines)}";

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it: no shutdown code runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops it; killed if it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await term!.WaitForExitAsync();
        }

        if (!await WaitForExitAsync(grace))
        {
            Kill();
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Waits, bounded, for the process to end (and its output to be read); false when it still runs.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        lock (s_running)
        {
            s_running.Remove(this);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        var stamped = $"{DateTime.Now:HH:mm:ss.fff} {line}";
        lock (_gate)
        {
            _lines.Enqueue(stamped);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
