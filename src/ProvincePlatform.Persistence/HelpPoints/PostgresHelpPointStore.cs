using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Persistence.HelpPoints;

/// <summary>
/// Help points in PostgreSQL (deploy/sql V006): a row per help point in <c>province_help_points</c> (its profile,
/// with a version) and a row per session in <c>province_session_ledgers</c> (its ledger, with the change sequence as
/// its version). Both are stored with Orleans' version-tolerant serializer, as grain state is. A change that touches
/// one ledger (a booking, a cancellation, a check-in) is one conditional statement; any other change is one
/// transaction, sent as one batch, rolled back when a row is no longer at the version named.
/// Connections come from the same pool as Orleans' providers (the same connection string), so the silo's
/// connections stay within <see cref="PostgresConnections.MaxPoolSize"/>.
/// </summary>
public sealed class PostgresHelpPointStore(string connectionString, Serializer serializer) : IHelpPointStore
{
    // Positional parameters: Npgsql sends the text as it is, where named ones make it parse and rewrite every call.
    private const string SelectProfile = "SELECT version, profile FROM province_help_points WHERE help_point_id = $1";
    private const string SelectLedgers = "SELECT ledger FROM province_session_ledgers WHERE help_point_id = $1";

    /// <summary>$1 id, $2 profile.</summary>
    private const string InsertProfile = "INSERT INTO province_help_points (help_point_id, version, profile) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING";

    /// <summary>$1 id, $2 profile, $3 the version read.</summary>
    private const string UpdateProfile = """
        UPDATE province_help_points SET version = version + 1, profile = $2, modified_at = now()
        WHERE help_point_id = $1 AND version = $3
        """;

    /// <summary>$1 id, $2 session, $3 sequence, $4 ledger.</summary>
    private const string InsertLedger = """
        INSERT INTO province_session_ledgers (help_point_id, session_id, change_sequence, ledger) VALUES ($1, $2, $3, $4)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>$1 id, $2 session, $3 sequence, $4 ledger, $5 the sequence read.</summary>
    private const string UpdateLedger = """
        UPDATE province_session_ledgers SET change_sequence = $3, ledger = $4
        WHERE help_point_id = $1 AND session_id = $2 AND change_sequence = $5
        """;

    /// <summary>$1 id, $2 sessions.</summary>
    private const string DeleteLedgers = "DELETE FROM province_session_ledgers WHERE help_point_id = $1 AND session_id = ANY($2)";

    public async Task<StoredHelpPoint?> ReadAsync(string helpPointId)
    {
        try
        {
            await using var connection = await OpenAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { Command(SelectProfile, helpPointId), Command(SelectLedgers, helpPointId) },
            };
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                return null;
            }

            var version = reader.GetInt32(0);
            var state = serializer.Deserialize<HelpPointState>(reader.GetFieldValue<byte[]>(1))!;
            await reader.NextResultAsync().ConfigureAwait(false);
            var ledgers = new List<SessionLedger>();
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                ledgers.Add(serializer.Deserialize<SessionLedger>(reader.GetFieldValue<byte[]>(0))!);
            }

            state.Restore(ledgers);
            return new StoredHelpPoint(state, version);
        }
        catch (NpgsqlException exception)
        {
            throw new StorageUnavailableException($"Help point {helpPointId} cannot be read now ({exception.GetType().Name}).");
        }
    }

    public async Task<int> WriteAsync(string helpPointId, HelpPointState state, int profileVersion, HelpPointChanges changes)
    {
        if (changes.IsEmpty)
        {
            return profileVersion;
        }

        var commands = new List<NpgsqlBatchCommand>();
        if (changes.Profile)
        {
            var profile = serializer.SerializeToArray(state.Profile());
            commands.Add(profileVersion == 0
                ? Command(InsertProfile, helpPointId, profile)
                : Command(UpdateProfile, helpPointId, profile, profileVersion));
        }

        foreach (var (ledger, stored) in changes.Ledgers)
        {
            var payload = serializer.SerializeToArray(ledger);
            commands.Add(stored == 0
                ? Command(InsertLedger, helpPointId, ledger.SessionId, ledger.ChangeSequence, payload)
                : Command(UpdateLedger, helpPointId, ledger.SessionId, ledger.ChangeSequence, payload, stored));
        }

        var conditional = commands.Count;
        if (changes.Removed.Count > 0)
        {
            commands.Add(Command(DeleteLedgers, helpPointId, changes.Removed.ToArray()));
        }

        await using var connection = await OpenAsync();
        // One statement commits on its own; several must all be taken or none.
        await using var transaction = commands.Count > 1 ? await connection.BeginTransactionAsync().ConfigureAwait(false) : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        commands.ForEach(batch.BatchCommands.Add);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        if (commands.Take(conditional).Any(command => command.RecordsAffected != 1))
        {
            // Disposing the transaction rolls it back.
            throw new InconsistentStateException($"Help point {helpPointId} was written by another activation since it was read.");
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        return changes.Profile ? profileVersion + 1 : profileVersion;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        return connection;
    }
}
