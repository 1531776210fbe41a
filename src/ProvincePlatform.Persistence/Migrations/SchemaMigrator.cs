using Microsoft.Extensions.Logging;
using Npgsql;

namespace ProvincePlatform.Persistence.Migrations;

/// <summary>
/// Brings a PostgreSQL database's schema up to date with the migrations of deploy/sql: each migration not yet in the
/// ledger (<c>province_schema_migrations</c>) runs in its own transaction together with the ledger row that records
/// it. Several silos starting together do not race: the whole run holds a session advisory lock
/// (<see cref="AdvisoryLockKey"/>, the same one deploy/scripts/apply-migrations.sh takes). A migration whose
/// script has changed since it was applied stops the run before anything is applied.
/// </summary>
public static partial class SchemaMigrator
{
    /// <summary>The key of the advisory lock held while migrating: the bytes of "PROVSCMA".</summary>
    public const long AdvisoryLockKey = 0x50524F5653434D41;

    /// <summary>Applies the migrations that the database lacks and returns them, in the order they were applied.</summary>
    /// <exception cref="SchemaMigrationException">An applied migration's script has changed since.</exception>
    public static async Task<IReadOnlyList<SchemaMigration>> ApplyAsync(
        string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, SchemaScripts.Ledger, cancellationToken).ConfigureAwait(false);
            var applied = await ReadLedgerAsync(connection, cancellationToken).ConfigureAwait(false);
            var pending = Pending(SchemaScripts.Migrations, applied, logger);
            foreach (var migration in pending)
            {
                await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                LogApplied(logger, migration.FileName, migration.Checksum);
            }

            if (pending.Count == 0)
            {
                var version = applied.Keys.DefaultIfEmpty().Max();
                LogUpToDate(logger, version);
            }

            return pending;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The migrations this build has and the database lacks (all of them where no ledger exists yet).</summary>
    public static async Task<IReadOnlyList<SchemaMigration>> PendingAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('province_schema_migrations') IS NOT NULL", connection);
        var applied = await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true
            ? await ReadLedgerAsync(connection, cancellationToken).ConfigureAwait(false)
            : [];
        return [.. SchemaScripts.Migrations.Where(migration => !applied.ContainsKey(migration.Version))];
    }

    private static List<SchemaMigration> Pending(
        IReadOnlyList<SchemaMigration> migrations, IReadOnlyDictionary<int, LedgerRow> applied, ILogger logger)
    {
        var changed = migrations
            .Where(migration => applied.TryGetValue(migration.Version, out var row) && row.Checksum != migration.Checksum)
            .ToArray();
        if (changed.Length > 0)
        {
            var list = string.Join("; ", changed.Select(migration =>
                $"{migration.FileName} was applied with checksum {applied[migration.Version].Checksum} but is now {migration.Checksum}"));
            throw new SchemaMigrationException(
                $"Applied migrations have been edited since ({list}). Nothing was applied. An applied migration must "
                + "never change: restore it and put the change in a new migration.");
        }

        var known = migrations.Select(migration => migration.Version).ToHashSet();
        var unknown = applied.Values.Where(row => !known.Contains(row.Version)).Select(row => $"V{row.Version:D3}__{row.Name}").ToArray();
        if (unknown.Length > 0)
        {
            LogUnknownMigrations(logger, string.Join(", ", unknown));
        }

        return migrations.Where(migration => !applied.ContainsKey(migration.Version)).ToList();
    }

    private static async Task LockAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        tryLock.Parameters.AddWithValue("key", AdvisoryLockKey);
        if ((bool)(await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            return;
        }

        LogWaitingForLock(logger);
        await using var waitForLock = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
        waitForLock.Parameters.AddWithValue("key", AdvisoryLockKey);
        await waitForLock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<int, LedgerRow>> ReadLedgerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM province_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<int, LedgerRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new LedgerRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
            rows.Add(row.Version, row);
        }

        return rows;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, SchemaMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, transaction, migration.Script, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception)
        {
            throw new SchemaMigrationException(
                $"Migration {migration.FileName} failed and was rolled back: {exception.MessageText}", exception);
        }

        await using var record = new NpgsqlCommand(
            "INSERT INTO province_schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            connection,
            transaction);
        record.Parameters.AddWithValue("version", migration.Version);
        record.Parameters.AddWithValue("name", migration.Name);
        record.Parameters.AddWithValue("checksum", migration.Checksum);
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string script, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(script, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Migration} ({Checksum})")]
    private static partial void LogApplied(ILogger logger, string migration, string checksum);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date at version {Version}")]
    private static partial void LogUpToDate(ILogger logger, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database has migrations that this build does not know ({Migrations}): a newer build has migrated it")]
    private static partial void LogUnknownMigrations(ILogger logger, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for another applier of schema migrations to finish")]
    private static partial void LogWaitingForLock(ILogger logger);

    private sealed record LedgerRow(int Version, string Name, string Checksum);
}
