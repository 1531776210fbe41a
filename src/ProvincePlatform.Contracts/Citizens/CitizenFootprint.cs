using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Citizens;

/// <summary>The bookings and requests a citizen has made, by id.</summary>
[GenerateSerializer, Immutable, Alias("pp.CitizenFootprint")]
public sealed record CitizenFootprint(
    [property: Id(0)] ImmutableArray<string> BookingIds,
    [property: Id(1)] ImmutableArray<string> RequestIds);
