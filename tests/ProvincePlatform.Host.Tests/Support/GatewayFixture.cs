using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Grains.Rollout;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Hosting;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>
/// The real host (silo and gateway in one process) on Kestrel, on a loopback port of its own, with the domain clock
/// replaced by one the tests move. Tests in the collection run one after another and share the cluster and the
/// clock, which only ever moves forward: a test takes its dates from the clock, never from constants, and works on
/// help points it opened itself. The national portal is the simulation in the same process, on the same clock,
/// unless a derived fixture points the host elsewhere through <see cref="Settings"/>.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    /// <summary>A Tuesday morning in Đại Lộc.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, VietnamTime.Offset);

    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The gateway's address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>An HTTP client of the province admin, which every test uses unless it is about who may do what.</summary>
    public HttpClient Http { get; private set; } = null!;

    public DateOnly Today => VietnamTime.Today(Clock);

    /// <summary>The host's services, for what HTTP cannot reach: the grain factory and the simulated portal.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host has not started.");

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// The in-process portal, a singleton shared by every test of the collection: change its settings only through
    /// <see cref="ConfigurePortal"/>, which puts them back.
    /// </summary>
    public PortalSimulation Portal => Services.GetRequiredService<PortalSimulation>();

    /// <summary>
    /// Changes the in-process portal's settings until the returned scope is disposed, which restores every setting
    /// as it was: <c>using var portal = Gateway.ConfigurePortal(options => options.RefusalRate = 1);</c>.
    /// </summary>
    public IDisposable ConfigurePortal(Action<PortalSimulationOptions> configure)
    {
        var saved = Portal.Options;
        Portal.Configure(configure);
        return new Restoration(() => Portal.Restore(saved));
    }

    /// <summary>
    /// Plays the reminder service for one request: does now whatever the request owes the portal (a filing, a
    /// retry, a status poll), as the reminder would. The reminder service runs on real time, which tests cannot wait
    /// for; what is due is decided by the domain <see cref="Clock"/>.
    /// </summary>
    public Task TickAsync(string requestId) =>
        Grains.GetGrain<ICitizenRequestGrain>(requestId).AsReference<IRemindable>()
            .ReceiveReminder(CitizenRequestGrain.PortalReminder, default);

    /// <summary>
    /// Plays the housekeeping reminder of help points, which reports to their commune's stats whatever they have not
    /// yet reported. Help points report on their own a moment after each change, on real time, which tests cannot
    /// wait for.
    /// </summary>
    public Task ReportStatsAsync(params IEnumerable<string> helpPointIds) =>
        Task.WhenAll(helpPointIds.Select(id => Grains.GetGrain<IHelpPointGrain>(id).AsReference<IRemindable>()
            .ReceiveReminder(HelpPointGrain.HousekeepingReminder, default)));

    /// <summary>
    /// Plays the reminder of a rollout operation: one whole pass over its pending communes, awaited. The operation
    /// also starts a pass on its own when it starts; the two take turns, so when this returns a pass has ended.
    /// </summary>
    public Task DriveRolloutAsync(string operationId) =>
        Grains.GetGrain<IRolloutOperationGrain>(operationId).AsReference<IRemindable>()
            .ReceiveReminder(RolloutOperationGrain.WorkReminder, default);

    /// <summary>
    /// Moves the clock on to 08:00 of the next local day and returns that day, so a test that depends on the time of
    /// day starts on a morning of its own whatever the tests before it did to the clock.
    /// </summary>
    public DateOnly NextMorning()
    {
        var day = Today.AddDays(1);
        Clock.SetUtcNow(VietnamTime.ToInstant(day, new TimeOnly(8, 0)));
        return day;
    }

    /// <summary>Moves the clock on to a local time of the current day.</summary>
    public void SetLocalTime(TimeOnly time) => Clock.SetUtcNow(VietnamTime.ToInstant(Today, time));

    public virtual async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var (siloPort, gatewayPort) = TwoFreePorts();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Communes:File"] = Path.Combine(AppContext.BaseDirectory, "seed", "quang-nam-communes.csv"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Polly"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(TestClients.Settings());
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.AddProvincePlatform();
        // The last keyed registration wins; the unkeyed TimeProvider stays the system's, for Orleans's own timers.
        builder.Services.AddKeyedSingleton<TimeProvider>(ProvinceClock.ServiceKey, Clock);
        ConfigureHost(builder);

        _app = builder.Build();
        _app.MapProvincePlatform();
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.Single());
        Http = ClientFor(TestClients.Admin);
    }

    /// <summary>An HTTP client that sends the given client's key, or no key at all.</summary>
    public HttpClient ClientFor(TestClient? client, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = BaseAddress;
        if (client is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeys.HeaderName, client.Key);
        }

        return http;
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Changes to the host that settings cannot make, applied last: a logger provider, a service replaced.</summary>
    protected virtual void ConfigureHost(WebApplicationBuilder builder)
    {
    }

    /// <summary>Settings of the host's configuration added after (and so over) the fixture's own.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    /// <summary>Distinct loopback ports that were free a moment ago.</summary>
    protected static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    /// <summary>Two distinct loopback ports, for the silo and its client gateway.</summary>
    private static (int Silo, int Gateway) TwoFreePorts() => FreePorts(2) is [var silo, var gateway] ? (silo, gateway) : throw new InvalidOperationException();

    private sealed class Restoration(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
