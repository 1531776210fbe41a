using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>
/// One host process (silo and HTTP gateway), started with <c>dotnet ProvincePlatform.Host.dll --Key=value …</c> on
/// loopback ports of its own.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>Longer than Orleans' 30 s response time-out, so that a gateway that gives up on the cluster is heard.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The key of the one client every silo knows, the province admin the tests act as.</summary>
    private const string ApiKey = "cluster-tests-province-admin-key";

    private SiloProcess(string name, int httpPort, int siloPort, int gatewayPort, ChildProcess process, Func<string> diagnostics)
    {
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = RequestTimeout };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Api = new PlatformApi(Http, diagnostics);
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public HttpClient Http { get; }

    public PlatformApi Api { get; }

    public ChildProcess Process { get; }

    /// <param name="settings">The host's configuration, passed as <c>--Key=value</c>; the ports and the API client are added here.</param>
    /// <param name="diagnostics">What assertion messages about this silo show: the output of every process involved.</param>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> settings, Func<string> diagnostics, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (http, silo, gateway) = FreePorts.Take(3) is [var h, var s, var g] ? (h, s, g) : throw new InvalidOperationException();
        var all = new Dictionary<string, string>(settings)
        {
            ["Urls"] = $"http://127.0.0.1:{http}",
            ["Orleans:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Gateway:Clients:0:Name"] = "cluster-tests",
            ["Gateway:Clients:0:KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["Gateway:Clients:0:Role"] = "ProvinceAdmin",
            ["Gateway:RateLimit:PermitsPerMinute"] = "10000000",
        };
        var process = ChildProcess.Start(name, BuiltApps.Host, all.Select(setting => $"--{setting.Key}={setting.Value}"), environment);
        return new SiloProcess(name, http, silo, gateway, process, diagnostics);
    }

    public async Task<HttpStatusCode> ReadinessAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync("/health/ready", cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails at once if the process ends meanwhile.</summary>
    public Task WaitUntilReadyAsync(TimeSpan within, Func<string> diagnostics) =>
        Poll.UntilAsync($"{Name} answers 200 on /health/ready", within, async () =>
        {
            if (Process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"{Name} exited with {Process.ExitCode} before it was ready.\n{Process.Tail(80)}");
            }

            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var status = await ReadinessAsync(attempt.Token);
            return status == HttpStatusCode.OK ? Observation.Yes() : Observation.No($"/health/ready answered {(int)status}");
        }, diagnostics);

    /// <summary>SIGKILL: the silo vanishes without leaving the cluster, as a crashed machine would.</summary>
    public void Kill() => Process.Kill();

    /// <summary>SIGTERM, and a bounded wait for the silo to leave the cluster and exit.</summary>
    public Task StopAsync() => Process.StopAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
