using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Portal;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>
/// Two silos in one process sharing one domain clock that the tests move, and a portal simulation whose days pass
/// on that same clock. Storage and reminders outlive any one silo, as a database would, so silos can be stopped and
/// started. Tests in the collection run one after another, so a test that moves the clock must take its dates from
/// the clock, never from constants, and a test that changes the portal's behaviour must restore it.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A Tuesday morning in Đại Lộc.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, VietnamTime.Offset);

    public FakeTimeProvider Clock { get; } = new(Start);

    public CommuneDirectory Directory { get; } = TestRegisters.QuangNam;

    public CitizenKeys CitizenKeys { get; } = CitizenKeys.FromSecret("test-secret-test-secret-test-secret!");

    /// <summary>One index for every silo, as the cluster's table is.</summary>
    public InMemoryCitizenIndex CitizenIndex { get; } = new();

    public SharedReminderTable Reminders { get; } = new();

    public SharedGrainStorage.Table StoredStates { get; } = new();

    /// <summary>The help points' rows, shared by every silo; writes are refused by <see cref="StoredStates"/> too.</summary>
    public InMemoryHelpPointStore.Table HelpPointRows { get; } = new();

    public PortalSimulation Portal { get; private set; } = null!;

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
        Portal = new PortalSimulation(Clock, new PortalSimulationOptions { RejectionRate = 0, SupplementRate = 0 });
        var defaults = Portal.Options;
        PortalDefaults = () => Portal.Restore(defaults);
        var storedStates = StoredStates;
        var helpPointRows = HelpPointRows;

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProvinceStorage.Name, (services, _) =>
                new SharedGrainStorage(storedStates, services.GetRequiredService<Serializer>()));
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(Reminders);
            silo.Services.AddSingleton<ICitizenIndex>(CitizenIndex);
            silo.Services.AddSingleton<IHelpPointStore>(services =>
                new SharedHelpPointStore(helpPointRows, storedStates, services.GetRequiredService<Serializer>()));
            silo.Services.AddProvinceDomain(Directory, Clock, CitizenKeys);
            silo.Services.AddSingleton<IPortalClient>(new InProcessPortalClient(Portal));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Puts the portal back as the fixture made it: no faults, every dossier completed.</summary>
    public Action PortalDefaults { get; private set; } = () => { };

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
