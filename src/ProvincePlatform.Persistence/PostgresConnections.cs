using Npgsql;

namespace ProvincePlatform.Persistence;

public static class PostgresConnections
{
    /// <summary>More prepared statements per connection than the providers and the audit log have distinct ones.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// Connections one pool may hold. A burst (a rollout opening thousands of help points) otherwise takes the
    /// driver's default of 100 and meets PostgreSQL's own limit of 100, failing calls with "too many clients" instead
    /// of having them wait a moment for a connection. A silo's Orleans providers share one pool; the audit log and the
    /// citizen index each have their own, busy with one writer and the occasional read, so three silos stay within
    /// the server's default in practice, not by construction.
    /// </summary>
    public const int MaxPoolSize = 24;

    /// <summary>
    /// The connection string with the settings this service's way of using PostgreSQL wants. Orleans' providers take
    /// a pooled connection for every statement: resetting each one as it returns to the pool (<c>DISCARD ALL</c>) cost
    /// the server more than the booking's own write, and nothing here changes session state. The same few statements
    /// run all day, so they are prepared once per connection rather than parsed and planned on every call.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        builder.MaxAutoPrepare = Math.Max(builder.MaxAutoPrepare, MaxAutoPrepare);
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, MaxPoolSize);
        return builder.ConnectionString;
    }
}
