using ProvincePlatform.Testing.Postgres;

namespace ProvincePlatform.Persistence.Tests.Postgres;

/// <summary>
/// The tests' PostgreSQL server as an xunit fixture: see <see cref="TestPostgresServer"/> (the server named by
/// <c>PROVINCE_TEST_POSTGRES</c>, or a throwaway one). Tests get empty databases of their own from
/// <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private TestPostgresServer? _server;

    /// <summary>The server's <c>postgres</c> database (or the one given), for administration.</summary>
    public string ServerConnectionString => Server.ConnectionString;

    private TestPostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async Task InitializeAsync() => _server = await TestPostgresServer.StartAsync();

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
