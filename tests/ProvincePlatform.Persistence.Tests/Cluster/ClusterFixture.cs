using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.TestingHost;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Cluster;

/// <summary>
/// Two silos in one process keeping membership, grain state and reminders in a migrated PostgreSQL database
/// through <see cref="PostgresSiloBuilderExtensions.UsePostgres"/>; the client finds the gateways there too.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string StorageName = "province";

    /// <summary>A second storage on the same table that deletes the row when a grain clears its state.</summary>
    public const string DeletingStorageName = "province-deleting";

    private readonly PostgresServerFixture _postgres = new();
    private InProcessTestCluster? _cluster;

    public string ConnectionString { get; private set; } = "";

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(ConnectionString, NullLogger.Instance);

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePostgres(ConnectionString, StorageName);
            silo.AddAdoNetGrainStorage(DeletingStorageName, (AdoNetGrainStorageOptions options) =>
            {
                options.Invariant = PostgresSiloBuilderExtensions.Invariant;
                options.ConnectionString = ConnectionString;
                options.DeleteStateOnClear = true;
            });
        });
        builder.ConfigureClient(client => client.UseAdoNetClustering((AdoNetClusteringClientOptions options) =>
        {
            options.Invariant = PostgresSiloBuilderExtensions.Invariant;
            options.ConnectionString = ConnectionString;
        }));

        UsePostgresMembership(builder.Options);
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// Turns off the test cluster's own in-memory membership table (and the grain directory and client gateway list
    /// that go with it), which it would otherwise register over ours. The switch is internal to
    /// Orleans.TestingHost, hence reflection; should it ever be renamed, this fails here rather than letting the
    /// tests pass on in-memory membership.
    /// </summary>
    private static void UsePostgresMembership(InProcessTestClusterOptions options)
    {
        const string Switch = "UseTestClusterMembership";
        var property = typeof(InProcessTestClusterOptions).GetProperty(Switch, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException($"{nameof(InProcessTestClusterOptions)}.{Switch} no longer exists.");
        property.SetValue(options, false);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
