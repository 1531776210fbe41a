using ProvincePlatform.Contracts.Citizens;
using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Grains.Citizens;

/// <summary>
/// Where each citizen has booked and filed, by citizen key (<see cref="CitizenKeys.KeyOf"/>): the answer to a lookup
/// by ID number. A table rather than a grain per citizen: nearly every booking is a new citizen's, and a grain would
/// cost each booking an activation, a read and a write of its own, where the table costs it one row of a batch.
/// </summary>
public interface ICitizenIndex
{
    /// <summary>Adds one of the citizen's bookings or requests; completes once it is durable. Adding it again is harmless.</summary>
    /// <exception cref="StorageUnavailableException">The index cannot be written now.</exception>
    Task AddAsync(string citizenKey, CitizenResource kind, string id);

    /// <summary>Everything the citizen has, each kind in the order it was added.</summary>
    /// <exception cref="StorageUnavailableException">The index cannot be read now.</exception>
    Task<CitizenFootprint> FindAsync(string citizenKey);
}

/// <summary>What an entry of the <see cref="ICitizenIndex"/> points at; the numbers are stored.</summary>
public enum CitizenResource
{
    Booking = 0,
    Request = 1,
}
