using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ProvincePlatform.LoadTest;

/// <summary>
/// One host process (silo and gateway) in production mode, run as <c>dotnet ProvincePlatform.Host.dll</c> from the
/// build output beside the load test's, with its settings in the environment. A trimmed copy of the cluster tests'
/// ChildProcess/SiloProcess: the load test keeps only the last lines of output, for a failure message.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>Settings inherited from the shell that would configure the host behind the run's back.</summary>
    private static readonly string[] s_withheldPrefixes =
    [
        "ConnectionStrings__", "Orleans__", "Database__", "Portal__", "Submissions__", "Citizens__", "Communes__", "Demo__",
        "Simulation__", "Logging__", "Gateway__", "Urls", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "DOTNET_URLS",
    ];

    /// <summary>Where every line the host writes is also appended, when set: its warnings tell why a run went slow.</summary>
    private static readonly string? s_logFile = Environment.GetEnvironmentVariable("LOADTEST_HOST_LOG");

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    private HostProcess(Process process, Uri baseAddress, string apiKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
    }

    public Uri BaseAddress { get; }

    /// <summary>The key of the province admin client the host knows.</summary>
    public string ApiKey { get; }

    public int Id => _process.Id;

    public static HostProcess Start(string connectionString, string? communesFile)
    {
        var apiKey = "load-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var (http, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Database__MigrateOnStart"] = "true",
            ["Urls"] = $"http://127.0.0.1:{http}",
            ["Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Orleans__AdvertisedAddress"] = "127.0.0.1",
            ["Gateway__Clients__0__Name"] = "load-test",
            ["Gateway__Clients__0__Role"] = "ProvinceAdmin",
            ["Gateway__Clients__0__KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
            ["Gateway__Clients__0__PermitsPerMinute"] = "10000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Citizens__LookupSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        };
        if (communesFile is not null)
        {
            environment["Communes__File"] = communesFile;
        }

        var dll = BuiltHost();
        var start = new ProcessStartInfo(Dotnet())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var variable in start.Environment.Keys.Where(key => s_withheldPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{http}/"), apiKey);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.Kill();
        return host;
    }

    /// <summary>An HTTP client for the load: as many connections as the clients want, the admin's key on every request.</summary>
    public HttpClient Client(int connections) => Client(BaseAddress, ApiKey, connections);

    public static HttpClient Client(Uri baseAddress, string apiKey, int connections)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(connections, 1), PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    /// <summary>Polls /health/ready until it answers 200; fails at once if the process ends meanwhile.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} before it was ready.\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (started.Elapsed > within)
            {
                throw new TimeoutException($"The host was not ready within {within}.\n{Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The host's memory from /proc: peak resident set (VmHWM) and current (VmRSS), in bytes.</summary>
    public (long Peak, long Current) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        long Read(string key) => status.Where(line => line.StartsWith(key, StringComparison.Ordinal))
            .Select(line => long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024)
            .FirstOrDefault();
        return (Read("VmHWM"), Read("VmRSS"));
    }

    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Left to the kernel.
        }

        _process.Dispose();
    }

    /// <summary>The repository's root, where ProvincePlatform.sln is.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProvincePlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ProvincePlatform.sln above {AppContext.BaseDirectory}.");
    }

    private static string BuiltHost()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (targetFramework, configuration) = (output.Name, output.Parent?.Name ?? "Release");
        var path = Path.Combine(RepositoryRoot(), "src", "ProvincePlatform.Host", "bin", configuration, targetFramework, "ProvincePlatform.Host.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} does not exist: build the host in {configuration}.");
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)
            ? hostPath
            : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (s_logFile is not null)
            {
                File.AppendAllLines(s_logFile, [line]);
            }

            _lines.Enqueue(line);
            if (_lines.Count > 200)
            {
                _lines.Dequeue();
            }
        }
    }
}
