using Npgsql;

namespace ProvincePlatform.Testing.Postgres;

/// <summary>
/// A PostgreSQL server for tests: the one named by <c>PROVINCE_TEST_POSTGRES</c> (or <c>ConnectionStrings__Orleans</c>)
/// when given, a role there needing CREATEDB; otherwise a <see cref="ThrowawayPostgresServer"/> started for it and
/// stopped with it. Tests get empty databases of their own from <see cref="CreateDatabaseAsync"/>; they are dropped
/// (or go with the throwaway server) at the end. Test projects wrap it in a fixture of their framework's.
/// </summary>
public sealed class TestPostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "PROVINCE_TEST_POSTGRES";
    public const string OrleansConnectionStringVariable = "ConnectionStrings__Orleans";

    private readonly List<string> _databases = [];

    private TestPostgresServer(string connectionString, ThrowawayPostgresServer? throwaway)
    {
        ConnectionString = connectionString;
        Throwaway = throwaway;
    }

    /// <summary>The server's <c>postgres</c> database (or the one given), for administration.</summary>
    public string ConnectionString { get; }

    /// <summary>The server the tests started, which they may stop and start again; null for a given server.</summary>
    public ThrowawayPostgresServer? Throwaway { get; }

    /// <summary>The server given by the environment, or else a throwaway one.</summary>
    public static async Task<TestPostgresServer> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(given))
        {
            given = Environment.GetEnvironmentVariable(OrleansConnectionStringVariable);
        }

        return string.IsNullOrWhiteSpace(given) ? await StartThrowawayAsync() : new TestPostgresServer(given, throwaway: null);
    }

    /// <summary>Always a throwaway server of the tests' own, for tests that restart it or change its access rules.</summary>
    public static async Task<TestPostgresServer> StartThrowawayAsync()
    {
        var server = await ThrowawayPostgresServer.StartAsync();
        return new TestPostgresServer(server.ConnectionString, server);
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"province_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (Throwaway is not null)
        {
            await Throwaway.DisposeAsync();
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
