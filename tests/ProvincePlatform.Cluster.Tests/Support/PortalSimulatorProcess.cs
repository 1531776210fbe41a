using System.Net;
using System.Text.Json;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>The simulated national portal as a process of its own (src/ProvincePlatform.PortalSimulator), on a free port.</summary>
public sealed class PortalSimulatorProcess : IAsyncDisposable
{
    private PortalSimulatorProcess(int port, ChildProcess process, Func<string> diagnostics)
    {
        Process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api = new PlatformApi(Http, diagnostics);
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public ChildProcess Process { get; }

    private PlatformApi Api { get; }

    public static async Task<PortalSimulatorProcess> StartAsync(Func<string> diagnostics)
    {
        var port = FreePorts.Take(1)[0];
        var process = ChildProcess.Start("portal-simulator", BuiltApps.PortalSimulator,
        [
            $"--Urls=http://127.0.0.1:{port}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:Console:FormatterOptions:SingleLine=true",
        ]);
        var simulator = new PortalSimulatorProcess(port, process, diagnostics);
        try
        {
            await Poll.UntilAsync("the portal simulator answers 200 on /health", TimeSpan.FromSeconds(60), async () =>
            {
                if (process.HasExited)
                {
                    throw new Xunit.Sdk.XunitException($"The portal simulator exited with {process.ExitCode}.\n{process.Tail(80)}");
                }

                using var response = await simulator.Http.GetAsync("/health");
                return response.StatusCode == HttpStatusCode.OK ? Observation.Yes() : Observation.No($"{(int)response.StatusCode}");
            }, diagnostics);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Changes the settings given (<c>PUT /simulator/settings</c>), say <c>new { failureRate = 1.0 }</c>.</summary>
    public Task ConfigureAsync(object settings) => Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/simulator/settings", settings);

    /// <summary>The client reference of every dossier filed so far, in filing order (<c>GET /simulator/dossiers</c>).</summary>
    public async Task<IReadOnlyList<string>> FiledClientReferencesAsync()
    {
        var dossiers = await Api.ReadJsonAsync("/simulator/dossiers");
        return [.. dossiers.EnumerateArray().Select(dossier => dossier.Text("clientReference"))];
    }

    /// <summary>The calls counted so far by kind and outcome (<c>GET /simulator/calls</c>), as JSON text.</summary>
    public async Task<JsonElement> CallsAsync() => await Api.ReadJsonAsync("/simulator/calls");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
