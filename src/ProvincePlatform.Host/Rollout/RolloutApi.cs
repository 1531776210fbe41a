using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Rollout;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Rollout;

public static class RolloutApi
{
    /// <summary>Room for every commune code of the country in one call (the gateway's usual limit is 64 KB).</summary>
    public const long MaxRolloutBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapRolloutApi(this IEndpointRouteBuilder routes)
    {
        var communes = routes.MapGroup("/communes/{communeCode}/rollout-stage").WithTags("Rollout of the model");
        communes.MapGet("/", GetStage)
            .RequireAuthorization(AccessPolicy.CommuneRead)
            .WithName("GetRolloutStage")
            .WithSummary("A commune's rollout stage with every change, who made it and when.");
        communes.MapPut("/", MoveStage)
            .RequireAuthorization(AccessPolicy.ProvinceAdmin)
            .WithName("MoveRolloutStage")
            .WithSummary("Moves a commune to a rollout stage; the change is kept with who and when.");

        var province = routes.MapGroup("/province/rollout").WithTags("Rollout of the model");
        province.MapGet("/", GetTable)
            .RequireAuthorization(AccessPolicy.ProvinceRead)
            .Produces<RolloutTableResponse>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.MediaType)
            .WithName("GetRolloutTable")
            .WithSummary("Every commune's stage and help points with district and province summaries; CSV with Accept: text/csv.");
        province.MapPost("/", StartRollout)
            .RequireAuthorization(AccessPolicy.ProvinceAdmin)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRolloutBodyBytes))
            .WithName("StartRollout")
            .WithSummary("Provisions help points from a template in many communes and moves them to preparing; never twice.");
        province.MapGet("/operations/{operationId}", GetOperation)
            .RequireAuthorization(AccessPolicy.ProvinceRead)
            .WithName("GetRolloutOperation")
            .WithSummary("How far a rollout operation has come.");
        return routes;
    }

    public static async Task<Results<Ok<CommuneRolloutResponse>, ProblemHttpResult>> GetStage(
        string communeCode, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        var rollout = await services.Grains.GetGrain<ICommuneGrain>(communeCode).GetRolloutAsync();
        return TypedResults.Ok(CommuneRolloutResponse.From(rollout));
    }

    public static async Task<Results<Ok<CommuneRolloutResponse>, ProblemHttpResult>> MoveStage(
        string communeCode, RolloutStageBody body, ClaimsPrincipal user, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        var errors = new Dictionary<string, string[]>();
        if (body.ToStage(out var note, errors) is not { } stage)
        {
            return Problems.Invalid(errors);
        }

        var moved = await services.Grains.GetGrain<ICommuneGrain>(communeCode).MoveRolloutStageAsync(stage, ClientName(user), note);
        return moved.Succeeded ? TypedResults.Ok(CommuneRolloutResponse.From(moved.Value!)) : Problems.Of(moved.Refusal);
    }

    public static async Task<Results<Ok<RolloutTableResponse>, CsvFile, ProblemHttpResult>> GetTable(
        string? district, HttpRequest request, GatewayServices services)
    {
        if (district is not null && !services.Directory.HasDistrict(district))
        {
            return Problems.Invalid("district", "Không có huyện với mã này / No district has this code.");
        }

        var communes = services.Directory.Search(district, null).ToList();
        var activity = await services.CommuneActivityAsync(communes);
        var table = RolloutTableResponse.From(communes, activity);
        return CsvFile.IsWanted(request)
            ? CsvFile.Of(table.Communes.Select(row => row.ToCsv()), $"rollout-{services.Today:yyyy-MM-dd}.csv")
            : TypedResults.Ok(table);
    }

    public static async Task<Results<Accepted<RolloutStartedResponse>, ProblemHttpResult>> StartRollout(
        RolloutBody body, ClaimsPrincipal user, GatewayServices services)
    {
        var errors = new Dictionary<string, string[]>();
        var communeCodes = body.ToCommuneCodes(services.Directory, errors);
        var template = body.ToTemplate(errors);
        if (communeCodes is not { } codes || template is null)
        {
            return Problems.Invalid(errors);
        }

        var operationId = RolloutOperationIds.New(services.Today);
        var progress = await services.Grains.GetGrain<IRolloutOperationGrain>(operationId)
            .StartAsync(new RolloutOrder(codes, template, ClientName(user)));
        return TypedResults.Accepted(
            $"/api/v1/province/rollout/operations/{operationId}", new RolloutStartedResponse(operationId, progress.Total));
    }

    public static async Task<Results<Ok<RolloutProgressResponse>, ProblemHttpResult>> GetOperation(
        string operationId, GatewayServices services)
    {
        var progress = RolloutOperationIds.IsWellFormed(operationId)
            ? await services.Grains.GetGrain<IRolloutOperationGrain>(operationId).GetAsync()
            : null;
        return progress is null
            ? Problems.Of(ProblemType.RolloutOperationNotFound)
            : TypedResults.Ok(RolloutProgressResponse.From(progress));
    }

    /// <summary>The configured name of the calling client: who made a change, as the audit log names it too.</summary>
    private static string ClientName(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
