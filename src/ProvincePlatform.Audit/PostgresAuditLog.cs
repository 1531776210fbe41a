using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using ProvincePlatform.Persistence;

namespace ProvincePlatform.Audit;

/// <summary>
/// The audit log in PostgreSQL (<c>province_audit_log</c>, deploy/sql V004). Appends are group-committed: callers
/// queue their entries and wait, and one writer inserts whatever has queued in a single statement, so the log costs
/// one transaction per batch rather than one per audited call, and every caller still learns its entry is durable.
/// </summary>
public sealed partial class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<AuditEntry> _appends;

    public PostgresAuditLog(string connectionString, ILogger<PostgresAuditLog> logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _appends = new GroupCommit<AuditEntry>(
            InsertAsync,
            (exception, count) =>
            {
                LogNotWritten(logger, count, exception.GetType().Name);
                return new AuditUnavailableException("The audit log cannot be written now.", exception);
            },
            () => new AuditUnavailableException("The audit log is shutting down."));
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => _appends.AddAsync(entry, cancellationToken);

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        const string Filter = """
            WHERE (@from::timestamptz IS NULL OR at >= @from) AND (@until::timestamptz IS NULL OR at < @until)
              AND (@client::text IS NULL OR client = @client) AND (@commune::text IS NULL OR commune_code = @commune)
              AND (@resource::text IS NULL OR resource = @resource)
            """;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Filtered(new NpgsqlBatchCommand($"SELECT count(*) FROM province_audit_log {Filter}"), query),
                    Filtered(new NpgsqlBatchCommand($"""
                        SELECT at, client, role, action, method, resource, commune_code, status, trace_id
                        FROM province_audit_log {Filter} ORDER BY id DESC LIMIT @limit OFFSET @offset
                        """), query),
                },
            };
            batch.BatchCommands[1].Parameters.AddWithValue("limit", query.PageSize);
            batch.BatchCommands[1].Parameters.AddWithValue("offset", (long)(query.Page - 1) * query.PageSize);

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var total = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<AuditEntry>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new AuditEntry(
                    reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
            }

            return new AuditPage(items, total);
        }
        catch (NpgsqlException exception)
        {
            throw new AuditUnavailableException("The audit log cannot be read now.", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Filtered(NpgsqlBatchCommand command, AuditQuery query)
    {
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)query.From?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = (object?)query.Until?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("client", NpgsqlDbType.Text) { Value = (object?)query.Client ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("commune", NpgsqlDbType.Text) { Value = (object?)query.CommuneCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("resource", NpgsqlDbType.Text) { Value = (object?)query.Resource ?? DBNull.Value });
        return command;
    }

    private async Task InsertAsync(IReadOnlyList<AuditEntry> batch)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO province_audit_log (at, client, role, action, method, resource, commune_code, status, trace_id)
            SELECT * FROM unnest(@at, @client, @role, @action, @method, @resource, @commune, @status, @trace)
            """);
        command.Parameters.AddWithValue("at", batch.Select(entry => entry.At.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("client", batch.Select(entry => entry.Client).ToArray());
        command.Parameters.AddWithValue("role", batch.Select(entry => entry.Role).ToArray());
        command.Parameters.AddWithValue("action", batch.Select(entry => entry.Action).ToArray());
        command.Parameters.AddWithValue("method", batch.Select(entry => entry.Method).ToArray());
        command.Parameters.AddWithValue("resource", batch.Select(entry => entry.Resource).ToArray());
        command.Parameters.Add(new NpgsqlParameter("commune", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = batch.Select(entry => entry.CommuneCode).ToArray(),
        });
        command.Parameters.AddWithValue("status", batch.Select(entry => entry.Status).ToArray());
        command.Parameters.Add(new NpgsqlParameter("trace", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = batch.Select(entry => entry.TraceId).ToArray(),
        });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit entries could not be written ({ExceptionType})")]
    private static partial void LogNotWritten(ILogger logger, int count, string exceptionType);
}
