using Npgsql;

namespace ProvincePlatform.Persistence.Tests.Postgres;

public sealed class PostgresConnectionsTests
{
    [Fact]
    public void Connections_are_not_reset_on_return_to_the_pool_their_statements_are_prepared_and_the_pool_is_bounded()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned("Host=db;Database=province;Username=silo"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(PostgresConnections.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(PostgresConnections.MaxPoolSize, tuned.MaxPoolSize);
        Assert.Equal(("db", "province", "silo"), (tuned.Host, tuned.Database, tuned.Username));
    }

    [Fact]
    public void A_connection_string_may_ask_for_more_prepared_statements_and_a_smaller_pool_but_not_the_reverse()
    {
        var asked = new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned("Host=db;Max Auto Prepare=200;Maximum Pool Size=8"));
        var capped = new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned("Host=db;Max Auto Prepare=5;Maximum Pool Size=500"));

        Assert.Equal((200, 8), (asked.MaxAutoPrepare, asked.MaxPoolSize));
        Assert.Equal((PostgresConnections.MaxAutoPrepare, PostgresConnections.MaxPoolSize), (capped.MaxAutoPrepare, capped.MaxPoolSize));
    }
}
