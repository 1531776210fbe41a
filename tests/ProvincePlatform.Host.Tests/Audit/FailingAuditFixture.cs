using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Audit;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Audit;

/// <summary>
/// A host of its own whose audit log is the embedded one behind a switch: while <see cref="AuditFails"/> is in
/// effect, every append fails as a PostgreSQL log's does when the database cannot take it; while
/// <see cref="AuditHolds"/> is, every append waits, as behind a slow database.
/// </summary>
public sealed class FailingAuditFixture : GatewayFixture
{
    public SwitchableAuditLog Audit { get; } = new(new InMemoryAuditLog());

    /// <summary>Makes every append fail until the returned scope is disposed.</summary>
    public IDisposable AuditFails()
    {
        Audit.Failing = true;
        return new Restoration(() => Audit.Failing = false);
    }

    /// <summary>Holds every append until the returned scope is disposed.</summary>
    public IDisposable AuditHolds()
    {
        var release = Audit.Hold();
        return new Restoration(release);
    }

    /// <summary>The last registration of a service is the one resolved, so the switch replaces the host's log.</summary>
    protected override void ConfigureHost(WebApplicationBuilder builder) => builder.Services.AddSingleton<IAuditLog>(Audit);

    private sealed class Restoration(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

/// <summary>An audit log that fails every append while <see cref="Failing"/> is set, and otherwise is the one it wraps.</summary>
public sealed class SwitchableAuditLog(IAuditLog inner) : IAuditLog
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _holdWatchers = [];
    private volatile bool _failing;
    private int _refused;
    private TaskCompletionSource? _held;
    private int _heldCount;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <summary>How many appends have been refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Makes appends wait until the returned action releases them.</summary>
    public Action Hold()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            (_held, _heldCount) = (held, 0);
        }

        return () => held.TrySetResult();
    }

    /// <summary>Completes once <paramref name="count"/> appends are waiting in the current hold.</summary>
    public Task HeldAsync(int count)
    {
        lock (_gate)
        {
            if (_heldCount >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _holdWatchers.Add((count, reached));
            return reached.Task;
        }
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_held is { Task.IsCompleted: false } held)
            {
                _heldCount++;
                _holdWatchers.Where(watcher => watcher.Count <= _heldCount).ToList().ForEach(watcher => watcher.Reached.TrySetResult());
                return AppendLaterAsync(held.Task, entry, cancellationToken);
            }
        }

        if (!_failing)
        {
            return inner.AppendAsync(entry, cancellationToken);
        }

        Interlocked.Increment(ref _refused);
        return Task.FromException(new AuditUnavailableException("The test made the audit log fail."));
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    private async Task AppendLaterAsync(Task released, AuditEntry entry, CancellationToken cancellationToken)
    {
        await released;
        await inner.AppendAsync(entry, cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class FailingAuditCollection : ICollectionFixture<FailingAuditFixture>
{
    public const string Name = "failing audit log";
}
