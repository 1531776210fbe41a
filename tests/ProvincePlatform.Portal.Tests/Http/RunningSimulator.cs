using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProvincePlatform.Portal.Simulation;
using ProvincePlatform.PortalSimulator;

namespace ProvincePlatform.Portal.Tests.Http;

/// <summary>The real simulator service, built as its Program builds it, on a free port of the loopback address.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSimulator(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.Single());
        Simulation = app.Services.GetRequiredService<PortalSimulation>();
        Clock = app.Services.GetRequiredService<AdjustableTimeProvider>();
    }

    public Uri BaseAddress { get; }

    public PortalSimulation Simulation { get; }

    public AdjustableTimeProvider Clock { get; }

    public static async Task<RunningSimulator> StartAsync()
    {
        var app = PortalSimulatorApp.Create(["--urls=http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        });
        await app.StartAsync();
        var simulator = new RunningSimulator(app);
        simulator.Simulation.Configure(options =>
        {
            options.RejectionRate = 0;
            options.SupplementRate = 0;
            options.TimeoutDelay = TimeSpan.FromSeconds(5);
        });

        // The first request pays for JIT compilation; the tests' time-outs should not.
        using var warmUp = simulator.CreateAdminClient();
        (await warmUp.GetAsync(new Uri("health", UriKind.Relative))).EnsureSuccessStatusCode();
        return simulator;
    }

    /// <summary>A plain client, without resilience, for the admin routes.</summary>
    public HttpClient CreateAdminClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// A container with the platform's portal registration pointed at this simulator, with short time-outs and a
    /// circuit breaker that stays closed unless a setting says otherwise.
    /// </summary>
    public ServiceProvider CreateClientServices(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Portal:BaseUrl"] = BaseAddress.AbsoluteUri,
            ["Portal:AttemptTimeout"] = "00:00:01",
            ["Portal:TotalTimeout"] = "00:00:10",
            ["Portal:Retry:MaxAttempts"] = "2",
            ["Portal:Retry:Delay"] = "00:00:00.020",
            ["Portal:CircuitBreaker:MinimumThroughput"] = "100",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return new ServiceCollection()
            .AddLogging()
            .AddPortalClient(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
