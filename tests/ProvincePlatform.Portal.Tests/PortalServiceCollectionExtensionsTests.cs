using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProvincePlatform.Portal.Http;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Portal.Tests;

public sealed class PortalServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_base_url_the_portal_is_the_in_process_simulation_as_a_singleton(string? baseUrl)
    {
        using var services = Build(new() { ["Portal:BaseUrl"] = baseUrl });

        var client = services.GetRequiredService<IPortalClient>();

        Assert.IsType<InProcessPortalClient>(client);
        Assert.Same(client, services.GetRequiredService<IPortalClient>());
    }

    [Fact]
    public async Task The_simulation_is_set_up_from_the_portal_simulation_section_on_the_registered_clock()
    {
        var clock = new FakeTimeProvider(Samples.Start);
        using var services = Build(new() { ["Portal:Simulation:RejectionRate"] = "1", ["Portal:Simulation:ReceiptPrefix"] = "000.00.21.H49" }, clock);
        var client = services.GetRequiredService<IPortalClient>();

        var filed = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(3));
        var decided = await client.GetStatusAsync(filed.Value!.Receipt, CancellationToken.None);

        Assert.StartsWith("000.00.21.H49-", filed.Value.Receipt, StringComparison.Ordinal);
        Assert.Equal(PortalDossierStatus.Rejected, decided.Value!.Status);
        Assert.Same(services.GetRequiredService<PortalSimulation>(), services.GetRequiredService<PortalSimulation>());
    }

    [Fact]
    public void With_a_base_url_the_portal_is_the_http_client_as_a_singleton()
    {
        using var services = Build(new() { ["Portal:BaseUrl"] = "http://127.0.0.1:5090" });

        var client = services.GetRequiredService<IPortalClient>();

        Assert.IsType<HttpPortalClient>(client);
        Assert.Same(client, services.GetRequiredService<IPortalClient>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return services.AddPortalClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
