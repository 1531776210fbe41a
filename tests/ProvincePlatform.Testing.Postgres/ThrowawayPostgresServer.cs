using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ProvincePlatform.Testing.Postgres;

/// <summary>
/// A PostgreSQL 15 server of the tests' own: a fresh data directory under the temp folder, listening on 127.0.0.1
/// and a free port, fsync off, every local connection trusted (unless <see cref="AddPasswordRoleAsync"/> says
/// otherwise for one role). PostgreSQL refuses to run as root, so a root test process runs its binaries as the
/// <c>postgres</c> user (<c>runuser</c>). It can be shut down and started again on the same port and data, to play
/// a database restart under running clients. Disposing stops the server and deletes the directory.
/// </summary>
public sealed class ThrowawayPostgresServer : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan s_readinessDeadline = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly bool _asPostgresUser;

    private ThrowawayPostgresServer(string root, bool asPostgresUser, int port)
    {
        _root = root;
        _asPostgresUser = asPostgresUser;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The server's <c>postgres</c> database, as its superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The loopback port the server listens on, the same after <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; }

    private static bool IsInstalled =>
        File.Exists(Path.Combine(BinDirectory, "postgres")) && File.Exists(Path.Combine(BinDirectory, "initdb"));

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "postgres.log");

    public static async Task<ThrowawayPostgresServer> StartAsync()
    {
        if (!IsInstalled && Environment.IsPrivilegedProcess)
        {
            // A fresh machine of this kind lacks the server; as root the tests install it from Debian's packages.
            await RunAsync("bash", ["-c",
                "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 postgresql-client-15"]);
        }

        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: {BinDirectory}/postgres is missing. Install it with "
                + "`apt-get install postgresql-15` (deploy/scripts/ensure-postgres.sh does that), or give the tests a "
                + $"server with {TestPostgresServer.ConnectionStringVariable}=<Npgsql connection string>.");
        }

        var asPostgresUser = Environment.IsPrivilegedProcess;
        var root = Directory.CreateTempSubdirectory("province-postgres-").FullName;
        var server = new ThrowawayPostgresServer(root, asPostgresUser, FreePort());
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:postgres", root]);
            }

            await server.RunPostgresToolAsync(
                "initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the server as an operator's restart would (<c>pg_ctl stop -m fast</c>: open sessions are ended), keeping
    /// its data for <see cref="StartAgainAsync"/>.
    /// </summary>
    public Task ShutDownAsync() => RunPostgresToolAsync("pg_ctl", ["stop", "-s", "-D", DataDirectory, "-m", "fast"]);

    /// <summary>Starts the server on its port and data, and waits (bounded) until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var options = $"-h 127.0.0.1 -p {Port} -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";

        // -W: do not let pg_ctl wait; readiness is probed below.
        await RunPostgresToolAsync("pg_ctl", ["start", "-W", "-s", "-D", DataDirectory, "-l", LogFile, "-o", options]);
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Creates a login role that must give its password (SCRAM) over TCP, where every other role is trusted, and
    /// returns a connection string to the given database as that role: for tests of a wrong password.
    /// </summary>
    public async Task<string> AddPasswordRoleAsync(string role, string password, string database)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            var literal = password.Replace("'", "''", StringComparison.Ordinal);
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD '{literal}'", connection);
            await create.ExecuteNonQueryAsync();
        }

        // The first matching line wins, so the role's line goes before initdb's trust lines.
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        var rules = await File.ReadAllTextAsync(hba);
        await File.WriteAllTextAsync(hba, $"host all {role} 127.0.0.1/32 scram-sha-256\n{rules}");
        await RunPostgresToolAsync("pg_ctl", ["reload", "-s", "-D", DataDirectory]);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = role, Password = password, Database = database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresToolAsync("pg_ctl", ["stop", "-s", "-D", DataDirectory, "-m", "immediate"]);
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Connects until the server accepts connections, within a deadline; a readiness probe.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > s_readinessDeadline)
                {
                    var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
                    throw new InvalidOperationException(
                        string.Create(CultureInfo.InvariantCulture,
                            $"PostgreSQL did not accept connections within {s_readinessDeadline.TotalSeconds} s. Its log:\n{log}"),
                        exception);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(BinDirectory, tool);
        return _asPostgresUser
            ? RunAsync(File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
