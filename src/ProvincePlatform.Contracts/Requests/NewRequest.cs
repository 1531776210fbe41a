using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;

namespace ProvincePlatform.Contracts.Requests;

/// <summary>A request as a help point officer opens it, possibly during a booking.</summary>
[GenerateSerializer, Immutable, Alias("pp.NewRequest")]
public sealed record NewRequest(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] Citizen Citizen,
    [property: Id(2)] string ServiceCode,
    [property: Id(3)] string? BookingId,
    [property: Id(4)] ImmutableDictionary<string, string> Form);
