namespace ProvincePlatform.Contracts.Bookings;

/// <summary>A booking as its help point holds it.</summary>
/// <param name="Position">Place on the waitlist, from 1, while the booking is waitlisted.</param>
/// <param name="WalkIn">Whether the citizen came without booking.</param>
[GenerateSerializer, Immutable, Alias("pp.BookingView")]
public sealed record BookingView(
    [property: Id(0)] string Id,
    [property: Id(1)] string HelpPointId,
    [property: Id(2)] string SessionId,
    [property: Id(3)] BookingStatus Status,
    [property: Id(4)] string ServiceCode,
    [property: Id(5)] Citizen Citizen,
    [property: Id(6)] int? Position,
    [property: Id(7)] bool WalkIn);
