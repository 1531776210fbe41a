using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Contracts.Stats;

/// <summary>
/// One commune's stats over a range, with the fingerprints of the citizens it guided each week, so that the province
/// can count a citizen guided in two communes once. Fingerprints stay inside the cluster: the gateway never shows them.
/// </summary>
[GenerateSerializer, Immutable, Alias("pp.StatsSlice")]
public sealed record StatsSlice(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To,
    [property: Id(3)] StatsFigures Totals,
    [property: Id(4)] ImmutableArray<WeekSlice> Weeks,
    [property: Id(5)] ImmutableArray<HelpPointUse> HelpPoints);

/// <summary>One week of a range (Monday to Sunday, clipped to the range).</summary>
[GenerateSerializer, Immutable, Alias("pp.WeekSlice")]
public sealed record WeekSlice(
    [property: Id(0)] DateOnly WeekStart,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To,
    [property: Id(3)] StatsFigures Figures,
    [property: Id(4)] ImmutableArray<long> Guided);

/// <summary>How much of what a help point offered over a range was used.</summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointUse")]
public sealed record HelpPointUse(
    [property: Id(0)] string HelpPointId,
    [property: Id(1)] string Name,
    [property: Id(2)] HelpPointKind Kind,
    [property: Id(3)] int SeatsOffered,
    [property: Id(4)] int SeatsUsed);
