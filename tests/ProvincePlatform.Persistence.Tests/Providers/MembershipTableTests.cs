using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Providers;

/// <summary>
/// The membership queries of V001 as Orleans' own ADO.NET clustering table and gateway list provider use them, on a
/// migrated database of each test's own.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTableTests(PostgresServerFixture postgres)
{
    private static readonly DateTime s_now = Truncate(DateTime.UtcNow);

    [Fact]
    public async Task Members_are_added_and_changed_only_at_the_table_version_read()
    {
        var (table, _) = await CreateTableAsync();
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var silo = Member(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Member(11112, SiloStatus.Joining), empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));

        var read = await table.ReadRowAsync(silo.SiloAddress);
        Assert.Equal(1, read.Version.Version);
        var (stored, etag) = Assert.Single(read.Members);
        AssertSame(silo, stored);

        silo.Status = SiloStatus.Active;
        silo.SuspectTimes = [Tuple.Create(Member(22222, SiloStatus.Active).SiloAddress, s_now.AddSeconds(-5))];
        Assert.True(await table.UpdateRowAsync(silo, etag, read.Version.Next()));
        Assert.False(await table.UpdateRowAsync(silo, etag, read.Version.Next()));

        silo.IAmAliveTime = s_now.AddSeconds(30);
        await table.UpdateIAmAliveAsync(silo);

        var all = await table.ReadAllAsync();
        Assert.Equal(2, all.Version.Version);
        AssertSame(silo, Assert.Single(all.Members).Item1);
        var stranger = await table.ReadRowAsync(Member(33333, SiloStatus.Active).SiloAddress);
        Assert.Empty(stranger.Members);
        Assert.Equal(2, stranger.Version.Version);
    }

    [Fact]
    public async Task Of_silos_joining_at_once_at_the_same_version_one_gets_in()
    {
        var (table, _) = await CreateTableAsync();
        var version = (await table.ReadAllAsync()).Version.Next();

        var joined = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => table.InsertRowAsync(Member(11111 + i, SiloStatus.Joining), version))));

        Assert.Single(joined, inserted => inserted);
        var after = await table.ReadAllAsync();
        Assert.Single(after.Members);
        Assert.Equal(1, after.Version.Version);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dead_members_silent_since_before_the_cutoff_are_cleaned_up(bool withCleanupDefunctSiloEntryKey)
    {
        var (table, database) = await CreateTableAsync(withCleanupDefunctSiloEntryKey);
        var active = Member(11111, SiloStatus.Active);
        var longDead = Member(11112, SiloStatus.Dead, silentFor: TimeSpan.FromHours(2));
        var justDead = Member(11113, SiloStatus.Dead);
        foreach (var member in new[] { active, longDead, justDead })
        {
            Assert.True(await table.InsertRowAsync(member, (await table.ReadAllAsync()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(s_now.AddHours(-1));

        var left = (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([11111, 11113], left);
        Assert.Equal(
            withCleanupDefunctSiloEntryKey ? ["CleanupDefunctSiloEntryKey"] : [],
            await Sql.RowsAsync(database, "SELECT querykey FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'"));
    }

    [Fact]
    public async Task Clients_are_given_the_active_members_that_accept_clients_as_gateways()
    {
        var (table, database) = await CreateTableAsync();
        var active = Member(11111, SiloStatus.Active, proxyPort: 30001);
        var joining = Member(11112, SiloStatus.Joining, proxyPort: 30002);
        var noGateway = Member(11113, SiloStatus.Active, proxyPort: 0);
        foreach (var member in new[] { active, joining, noGateway })
        {
            Assert.True(await table.InsertRowAsync(member, (await table.ReadAllAsync()).Version.Next()));
        }

        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = PostgresSiloBuilderExtensions.Invariant, ConnectionString = database }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "province" }));
        await gateways.InitializeGatewayListProviderAsync();

        var gateway = Assert.Single(await gateways.GetGatewaysAsync());
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 30001, active.SiloAddress.Generation).ToGatewayUri(), gateway);
    }

    [Fact]
    public async Task Deleting_the_table_entries_forgets_one_cluster_only()
    {
        var (table, database) = await CreateTableAsync();
        var (otherTable, _) = await CreateTableAsync(database: database, clusterId: "other-cluster");
        Assert.True(await table.InsertRowAsync(Member(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await otherTable.InsertRowAsync(Member(11111, SiloStatus.Active), (await otherTable.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(ClusterId);

        Assert.Equal(
            ["other-cluster | 1 | 1"],
            await Sql.RowsAsync(database, """
                SELECT v.deployment_id, v.version, count(m.*)
                FROM orleans_membership_version AS v LEFT JOIN orleans_membership AS m USING (deployment_id)
                GROUP BY v.deployment_id, v.version
                """));
    }

    private const string ClusterId = "membership-tests";

    private async Task<(AdoNetClusteringTable Table, string Database)> CreateTableAsync(
        bool withCleanupDefunctSiloEntryKey = true, string? database = null, string clusterId = ClusterId)
    {
        if (database is null)
        {
            database = await postgres.CreateDatabaseAsync();
            await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        }

        if (!withCleanupDefunctSiloEntryKey)
        {
            await Sql.ExecuteAsync(database, "DELETE FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'");
        }

        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "province" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresSiloBuilderExtensions.Invariant, ConnectionString = database }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return (table, database);
    }

    private static MembershipEntry Member(int port, SiloStatus status, TimeSpan silentFor = default, int proxyPort = 30000) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7),
        SiloName = $"silo-{port}",
        HostName = "province-host",
        Status = status,
        ProxyPort = proxyPort,
        StartTime = s_now - silentFor - TimeSpan.FromMinutes(1),
        IAmAliveTime = s_now - silentFor,
    };

    private static void AssertSame(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(
            (expected.SiloName, expected.HostName, expected.Status, expected.ProxyPort, expected.StartTime, expected.IAmAliveTime),
            (actual.SiloName, actual.HostName, actual.Status, actual.ProxyPort, actual.StartTime, actual.IAmAliveTime));
        Assert.Equal(expected.SuspectTimes ?? [], actual.SuspectTimes ?? []);
    }

    /// <summary>To the millisecond, as the membership's suspicion list keeps times.</summary>
    private static DateTime Truncate(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
