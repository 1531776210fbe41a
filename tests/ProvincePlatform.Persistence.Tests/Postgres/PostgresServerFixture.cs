using Npgsql;

namespace ProvincePlatform.Persistence.Tests.Postgres;

/// <summary>
/// A PostgreSQL server for the tests: the one named by <c>PROVINCE_TEST_POSTGRES</c> (or
/// <c>ConnectionStrings__Orleans</c>) when given, a role there needing CREATEDB; otherwise a throwaway PostgreSQL
/// 15 started for the fixture and stopped after it. Tests get empty databases of their own from
/// <see cref="CreateDatabaseAsync"/>; they are dropped (or go with the throwaway server) at the end.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "PROVINCE_TEST_POSTGRES";
    public const string OrleansConnectionStringVariable = "ConnectionStrings__Orleans";

    private readonly List<string> _databases = [];
    private ThrowawayPostgresServer? _server;
    private string _serverConnectionString = "";

    /// <summary>The server's <c>postgres</c> database (or the one given), for administration.</summary>
    public string ServerConnectionString => _serverConnectionString;

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(given))
        {
            given = Environment.GetEnvironmentVariable(OrleansConnectionStringVariable);
        }

        if (string.IsNullOrWhiteSpace(given))
        {
            _server = await ThrowawayPostgresServer.StartAsync();
            _serverConnectionString = _server.ConnectionString;
        }
        else
        {
            _serverConnectionString = given;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"province_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            return;
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
