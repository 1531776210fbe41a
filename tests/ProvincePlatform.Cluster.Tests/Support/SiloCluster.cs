using System.Text;
using Npgsql;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>
/// What one test runs: a database of its own on the class's PostgreSQL server, the silo processes it starts there
/// (all in one cluster), and optionally the portal simulator they file with. Disposing kills every process, whether
/// the test passed or not, and writes their output to the test's log.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>Every silo of a cluster must hash citizens' ID numbers alike, so they share one secret.</summary>
    public const string LookupSecret = "cluster-tests-citizen-lookup-secret-0123456789";

    /// <summary>How long a silo may take to start and join, on a busy two-core machine.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly ITestOutputHelper _log;
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string> _settings;

    private SiloCluster(string connectionString, ITestOutputHelper log, PortalSimulatorProcess? portal, IReadOnlyDictionary<string, string>? settings)
    {
        ConnectionString = connectionString;
        _log = log;
        Portal = portal;
        _settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Orleans"] = connectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Orleans:ClusterId"] = "cluster-tests",
            ["Orleans:ServiceId"] = "province-platform-tests",
            // Failure detection in seconds rather than the production defaults' tens of seconds, yet tolerant of a
            // silo that a busy two-core machine starves for a few seconds: three missed probes of 2 s, two votes.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["Orleans:Membership:NumMissedProbesLimit"] = "3",
            ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Citizens:LookupSecret"] = LookupSecret,
            ["Submissions:FirstRetryDelay"] = "00:00:02",
            ["Submissions:MaxRetryDelay"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:LogLevel:ProvincePlatform"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
        if (portal is not null)
        {
            _settings["Portal:BaseUrl"] = portal.BaseAddress.AbsoluteUri;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The test's own database, as the silos reach it.</summary>
    public string ConnectionString { get; }

    /// <summary>Every silo started so far, in order, stopped or killed ones included.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public PortalSimulatorProcess? Portal { get; }

    /// <param name="withPortal">Start the portal simulator and point the silos at it (otherwise they simulate it in process).</param>
    /// <param name="settings">Host settings over the cluster's own.</param>
    public static async Task<SiloCluster> CreateAsync(
        PostgresFixture postgres, ITestOutputHelper log, bool withPortal = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var portal = withPortal ? await PortalSimulatorProcess.StartAsync(() => "") : null;
        return new SiloCluster(database, log, portal, settings);
    }

    /// <summary>Starts silos in parallel and waits until every one is ready (an active member, its database answering).</summary>
    public async Task<SiloProcess[]> StartSilosAsync(params string[] names)
    {
        var started = names.Select(name => SiloProcess.Start(name, _settings, Diagnostics)).ToArray();
        lock (_silos)
        {
            _silos.AddRange(started);
        }

        await Task.WhenAll(started.Select(silo => silo.WaitUntilReadyAsync(StartDeadline, Diagnostics)));
        return started;
    }

    /// <summary>The latest output of every process of the test, for assertion messages.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var silo in Silos)
        {
            text.AppendLine(silo.Process.Tail());
        }

        if (Portal is not null)
        {
            text.AppendLine(Portal.Process.Tail(20));
        }

        return text.ToString();
    }

    /// <summary>The silo rows of the cluster's membership table: silo port and status (3 Active, 6 Dead, …).</summary>
    public async Task<IReadOnlyDictionary<int, int>> MembershipAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT port, status FROM orleans_membership WHERE deployment_id = 'cluster-tests' ORDER BY generation", connection);
        await using var rows = await query.ExecuteReaderAsync();
        var members = new Dictionary<int, int>();
        while (await rows.ReadAsync())
        {
            members[rows.GetInt32(0)] = rows.GetInt32(1);
        }

        return members;
    }

    public async ValueTask DisposeAsync()
    {
        var processes = Silos.Select(silo => silo.Process).Append(Portal?.Process).OfType<ChildProcess>().ToList();
        processes.ForEach(process => process.Kill());
        await Task.WhenAll(processes.Select(process => process.WaitForExitAsync(TimeSpan.FromSeconds(10))));
        foreach (var process in processes)
        {
            _log.WriteLine($"===== {process.Name} (pid {process.Id}, exit code {(process.HasExited ? process.ExitCode : -1)}) =====");
            _log.WriteLine(process.Output());
        }

        await Task.WhenAll(Silos.Select(silo => silo.DisposeAsync().AsTask()));
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }
    }
}

/// <summary>Orleans' silo statuses as the membership table stores them.</summary>
public static class SiloStatus
{
    public const int Active = 3;
    public const int Dead = 6;
}
