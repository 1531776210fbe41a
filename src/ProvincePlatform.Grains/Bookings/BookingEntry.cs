using ProvincePlatform.Contracts.Bookings;

namespace ProvincePlatform.Grains.Bookings;

/// <summary>One booking as stored in its session's ledger. Immutable: a change of status replaces the entry.</summary>
[GenerateSerializer, Immutable, Alias("pp.BookingEntry")]
public sealed record BookingEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] Citizen Citizen,
    [property: Id(2)] string ServiceCode,
    [property: Id(3)] BookingStatus Status,
    [property: Id(4)] bool WalkIn,
    [property: Id(5)] DateTimeOffset PlacedAt)
{
    /// <summary>Whether the booking holds a seat or a waitlist place in its session.</summary>
    public bool HoldsPlace => Status is BookingStatus.Confirmed or BookingStatus.Waitlisted or BookingStatus.CheckedIn;

    /// <summary>Whether the booking occupies one of the session's computers.</summary>
    public bool TakesSeat => Status is BookingStatus.Confirmed or BookingStatus.CheckedIn;
}
