using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;
using ProvincePlatform.Grains.Bookings;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>
/// The help point store of the embedded default (nothing kept across restarts) and of the tests. Rows are kept
/// serialized, as a database keeps them, so an activation never sees another's unsaved changes, and writes check
/// versions as the PostgreSQL store does.
/// </summary>
public sealed class InMemoryHelpPointStore(InMemoryHelpPointStore.Table table, Serializer serializer) : IHelpPointStore
{
    public InMemoryHelpPointStore(Serializer serializer)
        : this(new Table(), serializer)
    {
    }

    public Task<StoredHelpPoint?> ReadAsync(string helpPointId)
    {
        if (!table.Rows.TryGetValue(helpPointId, out var rows))
        {
            return Task.FromResult<StoredHelpPoint?>(null);
        }

        (byte[]? Profile, int Version, byte[][] Ledgers) copy;
        lock (rows)
        {
            copy = (rows.Profile, rows.ProfileVersion, [.. rows.Ledgers.Values.Select(ledger => ledger.Payload)]);
        }

        if (copy.Profile is null)
        {
            return Task.FromResult<StoredHelpPoint?>(null);
        }

        var state = serializer.Deserialize<HelpPointState>(copy.Profile)!;
        state.Restore(copy.Ledgers.Select(ledger => serializer.Deserialize<SessionLedger>(ledger)!));
        return Task.FromResult<StoredHelpPoint?>(new StoredHelpPoint(state, copy.Version));
    }

    public Task<int> WriteAsync(string helpPointId, HelpPointState state, int profileVersion, HelpPointChanges changes)
    {
        var profile = changes.Profile ? serializer.SerializeToArray(state.Profile()) : null;
        var ledgers = changes.Ledgers
            .Select(change => (change.Ledger.SessionId, change.StoredSequence, change.Ledger.ChangeSequence, Payload: serializer.SerializeToArray(change.Ledger)))
            .ToList();
        var rows = table.Rows.GetOrAdd(helpPointId, _ => new HelpPointRows());
        lock (rows)
        {
            if (profile is not null && rows.ProfileVersion != profileVersion)
            {
                throw new InconsistentStateException($"The profile of help point {helpPointId} is no longer at version {profileVersion}.");
            }

            var stale = ledgers.Find(ledger => rows.Ledgers.GetValueOrDefault(ledger.SessionId).Sequence != ledger.StoredSequence);
            if (stale.Payload is not null)
            {
                throw new InconsistentStateException($"Session {stale.SessionId} of help point {helpPointId} is no longer at sequence {stale.StoredSequence}.");
            }

            if (profile is not null)
            {
                rows.Profile = profile;
                rows.ProfileVersion++;
            }

            foreach (var ledger in ledgers)
            {
                rows.Ledgers[ledger.SessionId] = (ledger.ChangeSequence, ledger.Payload);
            }

            foreach (var sessionId in changes.Removed)
            {
                rows.Ledgers.Remove(sessionId);
            }

            return Task.FromResult(rows.ProfileVersion);
        }
    }

    /// <summary>The rows themselves, which several silos of one process share as they would share a database.</summary>
    public sealed class Table
    {
        internal ConcurrentDictionary<string, HelpPointRows> Rows { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>One help point's rows; writes and reads of them take its lock.</summary>
    internal sealed class HelpPointRows
    {
        public byte[]? Profile { get; set; }

        public int ProfileVersion { get; set; }

        public Dictionary<string, (long Sequence, byte[] Payload)> Ledgers { get; } = new(StringComparer.Ordinal);
    }
}
