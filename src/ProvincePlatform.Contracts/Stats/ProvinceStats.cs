using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Stats;

/// <summary>The province's stats: merged totals and weeks (each citizen counted once), each district's and each commune's. Citizens' fingerprints are left out: the gateway has no use for them.</summary>
[GenerateSerializer, Immutable, Alias("pp.ProvinceStats")]
public sealed record ProvinceStats(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] StatsFigures Totals,
    [property: Id(3)] ImmutableArray<WeekSlice> Weeks,
    [property: Id(4)] ImmutableArray<StatsSlice> Communes,
    [property: Id(5)] ImmutableArray<DistrictStats> Districts);

/// <summary>A district's merged totals (each citizen counted once), in register order.</summary>
[GenerateSerializer, Immutable, Alias("pp.DistrictStats")]
public sealed record DistrictStats(
    [property: Id(0)] string DistrictCode,
    [property: Id(1)] StatsFigures Totals);
