using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.HelpPoints;

public static class HelpPointsApi
{
    public static IEndpointRouteBuilder MapHelpPointsApi(this IEndpointRouteBuilder routes)
    {
        var communes = routes.MapGroup("/communes/{communeCode}/help-points").WithTags("Help points");
        communes.MapPost("/", OpenHelpPoint)
            .RequireAuthorization(AccessPolicy.CommuneWrite)
            .WithName("OpenHelpPoint")
            .WithSummary("Opens a help point in a commune.");
        communes.MapGet("/", ListHelpPoints)
            .RequireAuthorization(AccessPolicy.CommuneRead)
            .WithName("ListHelpPoints")
            .WithSummary("The help points of a commune.");

        var helpPoints = routes.MapGroup("/help-points/{helpPointId}").WithTags("Help points");
        helpPoints.MapGet("/", GetHelpPoint)
            .RequireAuthorization(AccessPolicy.CommuneRead)
            .WithName("GetHelpPoint")
            .WithSummary("One help point with its opening hours, closures and figures.");
        helpPoints.MapPut("/", UpdateHelpPoint)
            .RequireAuthorization(AccessPolicy.CommuneWrite)
            .WithName("UpdateHelpPoint")
            .WithSummary("Replaces a help point's definition; refused where it would strand confirmed bookings.");
        helpPoints.MapPost("/closures", AddClosure)
            .RequireAuthorization(AccessPolicy.CommuneWrite)
            .WithName("AddClosure")
            .WithSummary("Closes a help point on a date and cancels that day's bookings.");
        return routes;
    }

    public static async Task<Results<Created<HelpPointResponse>, ProblemHttpResult>> OpenHelpPoint(
        string communeCode, HelpPointBody body, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        if (body.ToDefinition(out var errors) is not { } definition)
        {
            return Problems.Invalid(errors);
        }

        var details = await services.Grains.GetGrain<ICommuneGrain>(communeCode).AddHelpPointAsync(definition);
        return TypedResults.Created($"/api/v1/help-points/{details.Id}", HelpPointResponse.From(details));
    }

    public static async Task<Results<Ok<HelpPointResponse[]>, ProblemHttpResult>> ListHelpPoints(
        string communeCode, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        var helpPoints = await services.Grains.GetGrain<ICommuneGrain>(communeCode).GetHelpPointsAsync();
        return TypedResults.Ok(helpPoints.Select(HelpPointResponse.From).ToArray());
    }

    public static async Task<Results<Ok<HelpPointResponse>, ProblemHttpResult>> GetHelpPoint(
        string helpPointId, GatewayServices services)
    {
        var details = HelpPointIds.IsWellFormed(helpPointId)
            ? await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).GetAsync()
            : null;
        return details is null ? HelpPointNotFound() : TypedResults.Ok(HelpPointResponse.From(details));
    }

    public static async Task<Results<Ok<HelpPointResponse>, ProblemHttpResult>> UpdateHelpPoint(
        string helpPointId, HelpPointBody body, GatewayServices services)
    {
        if (!HelpPointIds.IsWellFormed(helpPointId))
        {
            return HelpPointNotFound();
        }

        if (body.ToDefinition(out var errors) is not { } definition)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).UpdateAsync(definition);
        return outcome.Succeeded ? TypedResults.Ok(HelpPointResponse.From(outcome.Value!)) : Problems.Of(outcome.Refusal);
    }

    public static async Task<Results<Created<ClosureResponse>, ProblemHttpResult>> AddClosure(
        string helpPointId, ClosureBody body, GatewayServices services)
    {
        if (!HelpPointIds.IsWellFormed(helpPointId))
        {
            return HelpPointNotFound();
        }

        if (body.ToClosure(services.Today, out var errors) is not { } closure)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).AddClosureAsync(closure);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/help-points/{helpPointId}", ClosureResponse.From(outcome.Value!))
            : Problems.Of(outcome.Refusal);
    }

    internal static ProblemHttpResult HelpPointNotFound() =>
        Problems.Of(new Contracts.Common.Refusal(Contracts.Common.RefusalCode.HelpPointNotFound));
}
