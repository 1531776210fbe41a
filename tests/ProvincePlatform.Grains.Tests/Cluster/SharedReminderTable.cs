using System.Collections.Concurrent;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>A reminder table that outlives any one silo of an in-process cluster, as the database table does.</summary>
public sealed class SharedReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _rows = new();

    public IReadOnlyList<ReminderEntry> All => [.. _rows.Values];

    /// <summary>Lets a test make the table refuse to register reminders it picks, as an outage would.</summary>
    public Func<ReminderEntry, bool> RefuseUpsert { get; set; } = _ => false;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(_rows.Values.Where(row => row.GrainId == grainId)));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(_rows.Values.Where(row => InRange(row.GrainId.GetUniformHashCode(), begin, end))));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        if (RefuseUpsert(entry))
        {
            throw new InvalidOperationException($"The test refused to register reminder {entry.ReminderName} of {entry.GrainId}.");
        }

        entry.ETag = Guid.NewGuid().ToString("N");
        _rows[(entry.GrainId, entry.ReminderName)] = entry;
        return Task.FromResult<string?>(entry.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag
            && _rows.TryRemove((grainId, reminderName), out _));

    public Task TestOnlyClearTable()
    {
        _rows.Clear();
        return Task.CompletedTask;
    }

    // A ring range (begin, end] that wraps past zero when begin is not below end.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
