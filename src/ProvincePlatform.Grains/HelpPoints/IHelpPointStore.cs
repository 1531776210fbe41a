namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>
/// Where help points are kept: each one's profile (<see cref="HelpPointState.Profile"/>) as a row, and each of its
/// sessions' ledgers as a row of its own. A booking then stores its session, a few hundred bytes, rather than the whole
/// help point with the thirty days of ledgers it keeps, which every booking used to rewrite. Each row carries a version
/// that a write must name (the profile's own, a ledger's <see cref="Bookings.SessionLedger.ChangeSequence"/>), so a
/// second activation of the help point, the moment a silo is declared dead, cannot overwrite what the first stored.
/// </summary>
public interface IHelpPointStore
{
    /// <summary>The help point with its ledgers restored, or null when none is stored.</summary>
    /// <exception cref="Contracts.Common.StorageUnavailableException">The store cannot be read now.</exception>
    Task<StoredHelpPoint?> ReadAsync(string helpPointId);

    /// <summary>
    /// Stores what <paramref name="changes"/> names of <paramref name="state"/>, all of it or none, and returns the
    /// profile's version after (the same when the profile was not written).
    /// </summary>
    /// <param name="profileVersion">The version the profile was read or last written at; 0 for one never stored.</param>
    /// <exception cref="Orleans.Storage.InconsistentStateException">A row is no longer at the version named: another activation wrote it.</exception>
    Task<int> WriteAsync(string helpPointId, HelpPointState state, int profileVersion, HelpPointChanges changes);
}

/// <summary>A help point as read from the store, with the version its profile row is at.</summary>
public sealed record StoredHelpPoint(HelpPointState State, int ProfileVersion);
