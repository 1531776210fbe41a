namespace ProvincePlatform.Audit;

/// <summary>
/// The embedded default's audit log: the newest <see cref="Capacity"/> entries of this process, gone with it, like
/// everything else the embedded default keeps. Production mode keeps the log in PostgreSQL.
/// </summary>
public sealed class InMemoryAuditLog(int capacity = InMemoryAuditLog.DefaultCapacity) : IAuditLog
{
    public const int DefaultCapacity = 100_000;

    private readonly LinkedList<AuditEntry> _entries = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _entries.AddFirst(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var matching = _entries.Where(query.Matches).ToList();
            var page = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
            return Task.FromResult(new AuditPage(page, matching.Count));
        }
    }
}
