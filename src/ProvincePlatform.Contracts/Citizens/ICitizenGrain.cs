namespace ProvincePlatform.Contracts.Citizens;

/// <summary>
/// One citizen, keyed by a keyed hash of the ID number (never the number itself, so grain ids in logs, traces and
/// storage reveal nothing): where the citizen has booked and filed.
/// </summary>
[Alias("pp.ICitizenGrain")]
public interface ICitizenGrain : IGrainWithStringKey
{
    [Alias("RecordBooking")]
    Task RecordBookingAsync(string bookingId);

    [Alias("RecordRequest")]
    Task RecordRequestAsync(string requestId);

    [Alias("Get")]
    Task<CitizenFootprint> GetAsync();
}
