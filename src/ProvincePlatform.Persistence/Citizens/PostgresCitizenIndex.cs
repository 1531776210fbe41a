using Microsoft.Extensions.Logging;
using Npgsql;
using ProvincePlatform.Contracts.Citizens;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Grains.Citizens;

namespace ProvincePlatform.Persistence.Citizens;

/// <summary>
/// The citizen index in PostgreSQL (<c>province_citizen_index</c>, deploy/sql V005). Entries are group-committed
/// (<see cref="GroupCommit{T}"/>): a busy evening's bookings cost a statement per batch, not one each.
/// </summary>
public sealed partial class PostgresCitizenIndex : ICitizenIndex, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<Entry> _entries;

    public PostgresCitizenIndex(string connectionString, ILogger<PostgresCitizenIndex> logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _entries = new GroupCommit<Entry>(
            InsertAsync,
            (exception, count) =>
            {
                LogNotWritten(logger, count, exception.GetType().Name);
                return new StorageUnavailableException($"The citizen index cannot be written now ({exception.GetType().Name}).");
            },
            () => new StorageUnavailableException("The citizen index is shutting down."));
    }

    public Task AddAsync(string citizenKey, CitizenResource kind, string id) => _entries.AddAsync(new Entry(citizenKey, kind, id));

    public async Task<CitizenFootprint> FindAsync(string citizenKey)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(
                "SELECT kind, resource_id FROM province_citizen_index WHERE citizen_key = @key ORDER BY seq");
            command.Parameters.AddWithValue("key", citizenKey);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            var (bookings, requests) = (new List<string>(), new List<string>());
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                (reader.GetInt16(0) == (short)CitizenResource.Booking ? bookings : requests).Add(reader.GetString(1));
            }

            return new CitizenFootprint([.. bookings], [.. requests]);
        }
        catch (NpgsqlException exception)
        {
            throw new StorageUnavailableException($"The citizen index cannot be read now ({exception.GetType().Name}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _entries.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task InsertAsync(IReadOnlyList<Entry> batch)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO province_citizen_index (citizen_key, resource_id, kind)
            SELECT * FROM unnest(@key, @id, @kind) ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("key", batch.Select(entry => entry.CitizenKey).ToArray());
        command.Parameters.AddWithValue("id", batch.Select(entry => entry.Id).ToArray());
        command.Parameters.AddWithValue("kind", batch.Select(entry => (short)entry.Kind).ToArray());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} citizen index entries could not be written ({ExceptionType})")]
    private static partial void LogNotWritten(ILogger logger, int count, string exceptionType);

    private sealed record Entry(string CitizenKey, CitizenResource Kind, string Id);
}
