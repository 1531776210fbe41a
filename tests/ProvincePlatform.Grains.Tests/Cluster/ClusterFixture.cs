using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>
/// Two silos in one process with in-memory storage and reminders, as in the embedded default, sharing one domain
/// clock that the tests move. Tests in the collection run one after another, so a test that moves the clock must
/// take its dates from the clock, never from constants.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A Tuesday morning in Đại Lộc.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, VietnamTime.Offset);

    public FakeTimeProvider Clock { get; } = new(Start);

    public CommuneDirectory Directory { get; } = TestRegisters.QuangNam;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>
    /// Moves the clock on to 08:00 of the next local day and returns that day, so each test starts on a morning of
    /// its own whatever the tests before it did to the clock (which only ever moves forward).
    /// </summary>
    public DateOnly NextMorning()
    {
        var day = VietnamTime.Today(Clock).AddDays(1);
        Clock.SetUtcNow(VietnamTime.ToInstant(day, new TimeOnly(8, 0)));
        return day;
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ProvinceStorage.Name);
            silo.UseInMemoryReminderService();
            silo.Services.AddProvinceDomain(Directory, Clock);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
