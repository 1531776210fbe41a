namespace ProvincePlatform.Contracts.Bookings;

/// <summary>A request for a place in a session.</summary>
/// <param name="Waitlist">Whether the citizen accepts a waitlist place when the session is full.</param>
[GenerateSerializer, Immutable, Alias("pp.BookingRequest")]
public sealed record BookingRequest(
    [property: Id(0)] Citizen Citizen,
    [property: Id(1)] string ServiceCode,
    [property: Id(2)] bool Waitlist);
