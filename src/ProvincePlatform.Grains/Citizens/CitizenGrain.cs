using ProvincePlatform.Contracts.Citizens;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Citizens;

/// <summary>
/// Where a citizen's bookings and requests were indexed before the citizen index became a table
/// (<see cref="ICitizenIndex"/>). Lookups still read it; only silos of an earlier version, during a rolling upgrade,
/// still add to it.
/// </summary>
public sealed class CitizenGrain(
    [PersistentState("citizen", ProvinceStorage.Name)] IPersistentState<CitizenState> state)
    : Grain, ICitizenGrain
{
    public Task RecordBookingAsync(string bookingId) => AddAsync(state.State.BookingIds, bookingId);

    public Task RecordRequestAsync(string requestId) => AddAsync(state.State.RequestIds, requestId);

    public Task<CitizenFootprint> GetAsync() =>
        Task.FromResult(new CitizenFootprint([.. state.State.BookingIds], [.. state.State.RequestIds]));

    private async Task AddAsync(List<string> ids, string id)
    {
        if (!ids.Contains(id))
        {
            ids.Add(id);
            await state.WriteOrDeactivateAsync(this);
        }
    }
}
