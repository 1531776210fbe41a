using System.Threading.Channels;

namespace ProvincePlatform.Persistence;

/// <summary>
/// Group commit: callers queue an item and wait; one writer stores whatever has queued, up to a batch, in a single
/// statement. A burst then costs one round trip and one transaction per batch instead of one per item, and every
/// caller still learns that its own item is durable, or why not.
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<(T Item, TaskCompletionSource Stored)> _queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly Func<Exception, int, Exception> _failed;
    private readonly Func<Exception> _closed;
    private readonly int _maxBatch;
    private readonly Task _writer;

    /// <param name="write">Stores one batch; it throws when nothing of the batch was stored.</param>
    /// <param name="failed">Told once per failed batch, with its size; returns the exception each of its callers gets.</param>
    /// <param name="closed">The exception of an item added after <see cref="DisposeAsync"/>.</param>
    /// <param name="maxBatch">The most items one statement stores.</param>
    public GroupCommit(Func<IReadOnlyList<T>, Task> write, Func<Exception, int, Exception> failed, Func<Exception> closed, int maxBatch = 512)
    {
        (_write, _failed, _closed, _maxBatch) = (write, failed, closed, maxBatch);
        _writer = Task.Run(WriteQueuedAsync);
    }

    /// <summary>Completes once the item is stored, or fails with the exception <c>failed</c> gave for its batch.</summary>
    public Task AddAsync(T item, CancellationToken cancellationToken = default)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((item, stored))
            ? stored.Task.WaitAsync(cancellationToken)
            : Task.FromException(_closed());
    }

    /// <summary>Stores what is still queued, then refuses new items.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<(T Item, TaskCompletionSource Stored)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }

            try
            {
                await _write([.. batch.Select(queued => queued.Item)]).ConfigureAwait(false);
                batch.ForEach(queued => queued.Stored.TrySetResult());
            }
#pragma warning disable CA1031 // The writer must outlive any failure, or every later item would wait forever.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var failure = _failed(exception, batch.Count);
                batch.ForEach(queued => queued.Stored.TrySetException(failure));
            }
        }
    }
}
