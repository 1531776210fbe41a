using Npgsql;

namespace ProvincePlatform.Host.Hosting;

/// <summary>
/// Production mode's database: <c>ConnectionStrings:Orleans</c> (an Npgsql connection string) switches the host from
/// the embedded default to PostgreSQL for membership, grain state and reminders; <c>Database:MigrateOnStart</c>
/// applies the deploy/sql migrations at start-up.
/// </summary>
public sealed record DatabaseSettings(string ConnectionString, bool MigrateOnStart)
{
    public const string ConnectionStringName = "Orleans";
    public const string MigrateOnStartSetting = "Database:MigrateOnStart";

    public static DatabaseSettings? From(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? new DatabaseSettings(connectionString, configuration.GetValue<bool>(MigrateOnStartSetting))
            : null;

    /// <summary>Where the database is, for messages: host, port and database, never the password.</summary>
    public string Describe()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(a connection string that cannot be read)";
        }
    }
}
