using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>
/// The host pointed by URL at the real portal simulator, started as a separate process (<c>dotnet
/// ProvincePlatform.PortalSimulator.dll</c>) on a free loopback port and set to ask every dossier for one
/// supplement, reject none and inject no faults. The simulator keeps its own clock, which only its admin route moves
/// (<see cref="AdvanceSimulatorAsync"/>); the platform's domain clock is the fixture's <see cref="GatewayFixture.Clock"/>.
/// The process, and anything it started, is killed when the fixture is disposed, however the tests went.
/// </summary>
public sealed class SeparatePortalFixture : GatewayFixture
{
    private const string SimulatorProject = "ProvincePlatform.PortalSimulator";
    private static readonly TimeSpan s_readinessDeadline = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _output = new();
    private Process? _simulator;

    /// <summary>The simulator's own address: its portal routes and its admin routes under <c>/simulator</c>.</summary>
    public Uri SimulatorUrl { get; private set; } = null!;

    /// <summary>A client of the simulator, for its admin routes.</summary>
    public HttpClient Simulator { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        try
        {
            SimulatorUrl = new Uri($"http://127.0.0.1:{FreePorts(1)[0].ToString(CultureInfo.InvariantCulture)}/");
            Simulator = new HttpClient { BaseAddress = SimulatorUrl, Timeout = TimeSpan.FromSeconds(10) };
            _simulator = StartSimulator(SimulatorUrl);
            await WaitUntilReadyAsync(_simulator);
            using var configured = await Simulator.PutAsJsonAsync("simulator/settings", new
            {
                supplementRate = 1.0,
                rejectionRate = 0.0,
                failureRate = 0.0,
                throttleRate = 0.0,
                timeoutRate = 0.0,
                refusalRate = 0.0,
                latency = "00:00:00",
            });
            await EnsureSuccessAsync(configured, "PUT /simulator/settings");
            await base.InitializeAsync();
        }
        catch
        {
            StopSimulator();
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            StopSimulator();
            Simulator?.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        }
    }

    /// <summary>Moves the simulator's clock forward, as its operator would.</summary>
    public async Task AdvanceSimulatorAsync(double days)
    {
        using var advanced = await Simulator.PostAsJsonAsync("simulator/clock/advance", new { days });
        await EnsureSuccessAsync(advanced, "POST /simulator/clock/advance");
    }

    /// <summary>The host files with the simulator by URL; one short attempt, so that a fault shows at once.</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Portal:BaseUrl", SimulatorUrl.AbsoluteUri),
        new("Portal:AttemptTimeout", "00:00:05"),
        new("Portal:TotalTimeout", "00:00:15"),
    ];

    private Process StartSimulator(Uri url)
    {
        var assembly = SimulatorAssembly();
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The simulator reads its appsettings.json from its content root, the working directory.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.GetLeftPart(UriPartial.Authority));
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = new Process { StartInfo = start };
        // Both pipes are drained, so that a chatty simulator never blocks on a full pipe; the text explains a failure.
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the simulator's <c>/health</c> until it answers 200, it exits, or the deadline passes.</summary>
    private async Task WaitUntilReadyAsync(Process process)
    {
        var waited = Stopwatch.StartNew();
        using var probe = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal simulator exited with code {process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var health = await Simulator.GetAsync("health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
        while (waited.Elapsed < s_readinessDeadline && await probe.WaitForNextTickAsync());

        throw new TimeoutException($"The portal simulator at {SimulatorUrl} was not ready within {s_readinessDeadline}:\n{Output()}");
    }

    private void StopSimulator()
    {
        if (_simulator is not { } process)
        {
            return;
        }

        _simulator = null;
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => StopSimulator();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Output()}");
        }
    }

    /// <summary>
    /// The simulator's entry assembly, in its own output folder for the configuration and target framework the tests
    /// were built with (the test project builds it, without copying it here), else beside the test assembly.
    /// </summary>
    private static string SimulatorAssembly()
    {
        var fileName = SimulatorProject + ".dll";
        var configuration = typeof(SeparatePortalFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var candidates = new List<string>();
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var project = Path.Combine(directory.FullName, "src", SimulatorProject);
            if (Directory.Exists(project))
            {
                candidates.Add(Path.Combine(project, "bin", configuration, targetFramework, fileName));
                break;
            }
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, fileName));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No {fileName} built; looked at {string.Join(", ", candidates)}.");
    }

    /// <summary>The dotnet host that runs these tests, so that the simulator runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}

[CollectionDefinition(Name)]
public sealed class SeparatePortalCollection : ICollectionFixture<SeparatePortalFixture>
{
    public const string Name = "separate portal";
}
