using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Stats;

public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/communes/{communeCode}/stats", GetCommuneStats)
            .RequireAuthorization(AccessPolicy.CommuneRead)
            .Produces<CommuneStatsResponse>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.MediaType)
            .WithTags("Stats")
            .WithName("GetCommuneStats")
            .WithSummary("A commune's results over a date range, with weeks and help point utilisation; CSV (one row per week) with Accept: text/csv.");
        routes.MapGet("/province/stats", GetProvinceStats)
            .RequireAuthorization(AccessPolicy.ProvinceRead)
            .Produces<ProvinceStatsResponse>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.MediaType)
            .WithTags("Stats")
            .WithName("GetProvinceStats")
            .WithSummary("The province's results with district and commune breakdowns; CSV (one row per commune) with Accept: text/csv.");
        return routes;
    }

    public static async Task<Results<Ok<CommuneStatsResponse>, CsvFile, ProblemHttpResult>> GetCommuneStats(
        string communeCode, string? from, string? to, HttpRequest request, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        var errors = new Dictionary<string, string[]>();
        if (StatsRange.Read(from, to, services.Today, errors) is not { } range)
        {
            return Problems.Invalid(errors);
        }

        var slice = await services.Grains.GetGrain<ICommuneStatsGrain>(communeCode).GetAsync(range.From, range.To);
        var stats = CommuneStatsResponse.Of(slice);
        return CsvFile.IsWanted(request)
            ? CsvFile.Of(stats.Weeks, $"stats-{communeCode}-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv")
            : TypedResults.Ok(stats);
    }

    public static async Task<Results<Ok<ProvinceStatsResponse>, CsvFile, ProblemHttpResult>> GetProvinceStats(
        string? from, string? to, string? district, HttpRequest request, GatewayServices services)
    {
        var errors = new Dictionary<string, string[]>();
        if (district is not null && !services.Directory.HasDistrict(district))
        {
            errors["district"] = ["Không có huyện với mã này / No district has this code."];
        }

        if (StatsRange.Read(from, to, services.Today, errors) is not { } range || errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var stats = ProvinceStatsResponse.Of(
            await services.Grains.GetGrain<IProvinceStatsGrain>(0).GetAsync(range.From, range.To, district), services.Directory);
        return CsvFile.IsWanted(request)
            ? CsvFile.Of(stats.Communes.Select(CommuneStatsCsvRow.From), $"stats-province-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv")
            : TypedResults.Ok(stats);
    }
}
