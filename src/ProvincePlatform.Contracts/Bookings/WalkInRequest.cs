namespace ProvincePlatform.Contracts.Bookings;

/// <summary>A citizen who came to a session without a booking.</summary>
[GenerateSerializer, Immutable, Alias("pp.WalkInRequest")]
public sealed record WalkInRequest(
    [property: Id(0)] Citizen Citizen,
    [property: Id(1)] string ServiceCode);
