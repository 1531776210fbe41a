using ProvincePlatform.Testing.Postgres;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>
/// One PostgreSQL server for a test class (the one named by <c>PROVINCE_TEST_POSTGRES</c>, or a throwaway one), in
/// which each test makes a database of its own.
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    private TestPostgresServer? _server;

    public TestPostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async Task InitializeAsync() => _server = await StartServerAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected virtual Task<TestPostgresServer> StartServerAsync() => TestPostgresServer.StartAsync();
}

/// <summary>
/// A throwaway PostgreSQL server of the test class's own, always: for tests that stop and start it, or change who
/// may connect, which they cannot do to a server they were given.
/// </summary>
public sealed class OwnPostgresFixture : PostgresFixture
{
    public ThrowawayPostgresServer Throwaway => Server.Throwaway!;

    protected override Task<TestPostgresServer> StartServerAsync() => TestPostgresServer.StartThrowawayAsync();
}
