using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class MembershipAndReminderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Both_silos_are_active_members_in_PostgreSQL_and_the_client_found_them_there()
    {
        Assert.IsType<AdoNetClusteringTable>(fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IMembershipTable>());
        var gateways = fixture.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>();
        Assert.IsType<AdoNetGatewayListProvider>(gateways);

        var members = await Sql.RowsAsync(
            fixture.ConnectionString,
            "SELECT address, port, generation, status FROM orleans_membership WHERE deployment_id = @cluster ORDER BY port",
            ("cluster", fixture.Cluster.Options.ClusterId));

        var silos = fixture.Cluster.Silos.Select(silo => silo.SiloAddress).OrderBy(silo => silo.Endpoint.Port).ToArray();
        Assert.Equal(2, silos.Length);
        Assert.Equal(silos.Select(silo => $"{silo.Endpoint.Address} | {silo.Endpoint.Port} | {silo.Generation} | 3"), members);
        Assert.Equal(2, (await gateways.GetGatewaysAsync()).Count);
    }

    [Fact]
    public async Task A_reminder_is_kept_in_PostgreSQL_until_it_is_unregistered()
    {
        var grain = fixture.Client.GetGrain<INoteGrain>($"reminded-{Guid.NewGuid():N}");
        var grainId = grain.GetGrainId();
        const string Query = "SELECT service_id, reminder_name, period, grain_hash FROM orleans_reminders WHERE grain_id = @grain";

        await grain.RemindAsync("check-supplies");

        var row = Assert.Single(await Sql.RowsAsync(fixture.ConnectionString, Query, ("grain", grainId.ToString())));
        Assert.Equal($"{fixture.Cluster.Options.ServiceId} | check-supplies | 3600000 | {unchecked((int)grainId.GetUniformHashCode())}", row);
        Assert.True(await grain.HasReminderAsync("check-supplies"));

        await grain.ForgetAsync("check-supplies");

        Assert.Empty(await Sql.RowsAsync(fixture.ConnectionString, Query, ("grain", grainId.ToString())));
        Assert.False(await grain.HasReminderAsync("check-supplies"));
    }
}
