using System.Text.Json.Serialization;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.Services;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Stats;

/// <summary>
/// The figures of a range as the contract names them. Every status and every service of the catalogue is listed,
/// zero or not, so a portal's table keeps its columns; the two ratios are null where there is nothing to divide by,
/// and written as null rather than left out, so that they are always there to read.
/// </summary>
public record StatsFiguresResponse(
    int CitizensGuided,
    int Bookings,
    int CheckIns,
    int NoShows,
    int WalkIns,
    int Cancellations,
    int SeatsOffered,
    int SeatsUsed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Utilisation,
    int Requests,
    IReadOnlyDictionary<string, int> RequestsByStatus,
    IReadOnlyDictionary<string, int> RequestsByService,
    int RequestsFiledOnline,
    int GuidedRequests,
    int GuidedRequestsFiledOnline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OnlineShareAfterGuidance)
{
    public StatsFiguresResponse(StatsFigures figures)
        : this(
            figures.CitizensGuided, figures.Bookings, figures.CheckIns, figures.NoShows, figures.WalkIns, figures.Cancellations,
            figures.SeatsOffered, figures.SeatsUsed, Ratio(figures.SeatsUsed, figures.SeatsOffered), figures.Requests,
            Enum.GetValues<RequestStatus>().ToDictionary(GatewayJson.EnumName, status => figures.RequestsByStatus.GetValueOrDefault(status)),
            ServiceCatalogue.All.ToDictionary(service => service.Code, service => figures.RequestsByService.GetValueOrDefault(service.Code)),
            figures.RequestsFiledOnline, figures.GuidedRequests, figures.GuidedRequestsFiledOnline,
            Ratio(figures.GuidedRequestsFiledOnline, figures.GuidedRequests))
    {
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

public sealed record WeekResponse(
    DateOnly WeekStart, DateOnly From, DateOnly To, int CitizensGuided, int Bookings, int CheckIns, int NoShows, int WalkIns,
    int Requests, int RequestsFiledOnline)
{
    public static WeekResponse Of(WeekSlice week) => new(
        week.WeekStart, week.From, week.To, week.Figures.CitizensGuided, week.Figures.Bookings, week.Figures.CheckIns,
        week.Figures.NoShows, week.Figures.WalkIns, week.Figures.Requests, week.Figures.RequestsFiledOnline);
}

public sealed record HelpPointUseResponse(
    string Id, string Name, HelpPointKind Kind, int SeatsOffered, int SeatsUsed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Utilisation)
{
    public static HelpPointUseResponse From(HelpPointUse use) => new(
        use.HelpPointId, use.Name, use.Kind, use.SeatsOffered, use.SeatsUsed,
        use.SeatsOffered == 0 ? null : Math.Round((double)use.SeatsUsed / use.SeatsOffered, 4));
}

public sealed record CommuneStatsResponse(
    [property: JsonIgnore] StatsFigures Figures, string CommuneCode, DateOnly From, DateOnly To, IReadOnlyList<WeekResponse> Weeks, IReadOnlyList<HelpPointUseResponse> HelpPoints)
    : StatsFiguresResponse(Figures)
{
    public static CommuneStatsResponse Of(StatsSlice slice) => new(
        slice.Totals, slice.CommuneCode, slice.From, slice.To,
        [.. slice.Weeks.Select(WeekResponse.Of)], [.. slice.HelpPoints.Select(HelpPointUseResponse.From)]);
}

public sealed record ProvinceStatsResponse(
    [property: JsonIgnore] StatsFigures Figures, DateOnly From, DateOnly To, IReadOnlyList<WeekResponse> Weeks,
    IReadOnlyList<DistrictStatsResponse> Districts, IReadOnlyList<CommuneStatsLineResponse> Communes)
    : StatsFiguresResponse(Figures)
{
    /// <remarks>
    /// District names come from the communes of the answer: every district in it has one, and looking each up in the
    /// register would scan the whole national list once per district.
    /// </remarks>
    public static ProvinceStatsResponse Of(ProvinceStats stats, CommuneDirectory directory)
    {
        var communes = stats.Communes.Select(slice => directory.Find(slice.CommuneCode)!).ToList();
        var districtNames = communes.DistinctBy(commune => commune.DistrictCode)
            .ToDictionary(commune => commune.DistrictCode, commune => commune.DistrictName);
        return new(
            stats.Totals, stats.From, stats.To, [.. stats.Weeks.Select(WeekResponse.Of)],
            [.. stats.Districts.Select(district => new DistrictStatsResponse(district.Totals, district.DistrictCode, districtNames[district.DistrictCode]))],
            [.. communes.Zip(stats.Communes, (commune, slice) =>
                new CommuneStatsLineResponse(slice.Totals, commune.Code, commune.Name, commune.DistrictCode, commune.DistrictName))]);
    }
}

public sealed record DistrictStatsResponse([property: JsonIgnore] StatsFigures Figures, string Code, string Name) : StatsFiguresResponse(Figures);

public sealed record CommuneStatsLineResponse([property: JsonIgnore] StatsFigures Figures, string Code, string Name, string DistrictCode, string DistrictName)
    : StatsFiguresResponse(Figures);

/// <summary>A commune's line in the province stats' CSV: the figures without the breakdowns by status and service.</summary>
public sealed record CommuneStatsCsvRow(
    string Code, string Name, string DistrictCode, string DistrictName, int CitizensGuided, int Bookings, int CheckIns,
    int NoShows, int WalkIns, int Cancellations, int SeatsOffered, int SeatsUsed, double? Utilisation, int Requests,
    int RequestsFiledOnline, int GuidedRequests, int GuidedRequestsFiledOnline, double? OnlineShareAfterGuidance)
{
    public static CommuneStatsCsvRow From(CommuneStatsLineResponse line) => new(
        line.Code, line.Name, line.DistrictCode, line.DistrictName, line.CitizensGuided, line.Bookings, line.CheckIns,
        line.NoShows, line.WalkIns, line.Cancellations, line.SeatsOffered, line.SeatsUsed, line.Utilisation, line.Requests,
        line.RequestsFiledOnline, line.GuidedRequests, line.GuidedRequestsFiledOnline, line.OnlineShareAfterGuidance);
}
