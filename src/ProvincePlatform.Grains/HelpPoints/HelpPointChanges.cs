using ProvincePlatform.Grains.Bookings;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>What one change of a help point touched, to be stored as one (see <see cref="HelpPointState.TakeChanges"/>).</summary>
/// <param name="Profile">Whether the profile row is written.</param>
/// <param name="Ledgers">The ledgers written, each with the sequence its row was stored at (0: never stored).</param>
/// <param name="Removed">The session ids whose ledgers left the working state, and whose rows are deleted.</param>
public sealed record HelpPointChanges(bool Profile, IReadOnlyList<LedgerChange> Ledgers, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => !Profile && Ledgers.Count == 0 && Removed.Count == 0;
}

/// <summary>A ledger to store, and the sequence its row must still be at for the write to be taken.</summary>
public readonly record struct LedgerChange(SessionLedger Ledger, long StoredSequence);
