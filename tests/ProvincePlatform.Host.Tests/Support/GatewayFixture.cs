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
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Host.Hosting;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>
/// The real host (silo and gateway in one process) on Kestrel, on a loopback port of its own, with the domain clock
/// replaced by one the tests move. Tests in the collection run one after another and share the cluster and the
/// clock, which only ever moves forward: a test takes its dates from the clock, never from constants, and works on
/// help points it opened itself.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    /// <summary>A Tuesday morning in Đại Lộc.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, VietnamTime.Offset);

    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(Start);

    public HttpClient Http { get; private set; } = null!;

    public DateOnly Today => VietnamTime.Today(Clock);

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

    public async Task InitializeAsync()
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
        builder.AddProvincePlatform();
        // The last keyed registration wins; the unkeyed TimeProvider stays the system's, for Orleans's own timers.
        builder.Services.AddKeyedSingleton<TimeProvider>(ProvinceClock.ServiceKey, Clock);

        _app = builder.Build();
        _app.MapProvincePlatform();
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        Http = new HttpClient { BaseAddress = new Uri(addresses.Addresses.Single()) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Two distinct loopback ports that were free a moment ago, for the silo and its client gateway.</summary>
    private static (int Silo, int Gateway) TwoFreePorts()
    {
        var first = new TcpListener(IPAddress.Loopback, 0);
        var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        try
        {
            return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        }
        finally
        {
            first.Stop();
            second.Stop();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
