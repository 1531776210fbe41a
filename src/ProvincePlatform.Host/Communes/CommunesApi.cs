using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Communes;

public static class CommunesApi
{
    public const int MaxQueryLength = 100;

    public static IEndpointRouteBuilder MapCommunesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/communes").WithTags("Communes").RequireAuthorization(AccessPolicy.AnyClient);
        api.MapGet("/", ListCommunes)
            .WithName("ListCommunes")
            .WithSummary("Communes of the register, by district and by name with or without diacritics.");
        api.MapGet("/{communeCode}", GetCommune)
            .WithName("GetCommune")
            .WithSummary("One commune with its help point count and rollout stage.");
        return routes;
    }

    public static async Task<Results<Ok<CommuneResponse[]>, ProblemHttpResult>> ListCommunes(
        string? district, string? q, GatewayServices services)
    {
        if (district is not null && !services.Directory.HasDistrict(district))
        {
            return Problems.Invalid("district", "Không có huyện với mã này / No district has this code.");
        }

        // Not only control characters: a noncharacter such as U+FFFE would make the diacritics folding throw.
        if (q is not null && (q.Length > MaxQueryLength || !GatewayText.IsClean(q)))
        {
            return Problems.Invalid("q", $"Tối đa {MaxQueryLength} ký tự, không ký tự điều khiển / At most {MaxQueryLength} characters, no control characters.");
        }

        var communes = services.Directory.Search(district, q).ToList();
        var activity = await services.CommuneActivityAsync(communes);
        return TypedResults.Ok(communes
            .Select(commune => CommuneResponse.From(commune, activity.GetValueOrDefault(commune.Code, CommuneActivity.None)))
            .ToArray());
    }

    public static async Task<Results<Ok<CommuneResponse>, ProblemHttpResult>> GetCommune(
        string communeCode, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is not { } commune)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        var activity = await services.CommuneActivityAsync([commune]);
        return TypedResults.Ok(CommuneResponse.From(commune, activity.GetValueOrDefault(commune.Code, CommuneActivity.None)));
    }
}
