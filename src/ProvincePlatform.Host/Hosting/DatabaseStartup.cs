using Npgsql;
using ProvincePlatform.Persistence.Migrations;

namespace ProvincePlatform.Host.Hosting;

/// <summary>
/// Runs before the silo starts: proves the database answers and holds this build's schema (applying the migrations when
/// configured to), so that a wrong or unreachable connection string stops the host at once with a message saying
/// so, instead of a silo that retries its membership table for minutes.
/// </summary>
public sealed partial class DatabaseStartup(DatabaseSettings settings, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (settings.MigrateOnStart)
            {
                var applied = await SchemaMigrator.ApplyAsync(settings.ConnectionString, logger, cancellationToken);
                var database = settings.Describe();
                LogMigrated(logger, applied.Count, database);
            }

            var pending = await SchemaMigrator.PendingAsync(settings.ConnectionString, cancellationToken);
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database {settings.Describe()} lacks migrations {string.Join(", ", pending.Select(migration => migration.FileName))}. "
                    + $"Apply deploy/sql with deploy/scripts/apply-migrations.sh, or start the host with {DatabaseSettings.MigrateOnStartSetting}=true.");
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or SchemaMigrationException)
        {
            throw new InvalidOperationException(
                $"Cannot use the PostgreSQL database {settings.Describe()} (ConnectionStrings:{DatabaseSettings.ConnectionStringName}): {exception.Message}",
                exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database}: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, int applied, string database);
}
