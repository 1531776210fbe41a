using ProvincePlatform.Portal;
using ProvincePlatform.Portal.Http;

namespace ProvincePlatform.PortalSimulator.Apis;

/// <summary>The portal's own routes, as the platform calls them. Faults and latency are injected as configured.</summary>
public static class DossiersApi
{
    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder routes)
    {
        var dossiers = routes.MapGroup("/dossiers").WithTags("Dossiers");
        dossiers.MapPost("", SubmitAsync)
            .WithName("SubmitDossier").WithSummary("Files a new dossier; a repeated submission files another one.");
        dossiers.MapGet("", FindAsync)
            .WithName("FindDossiers").WithSummary("The dossiers that hold a client reference, in filing order.");
        dossiers.MapGet("/{receipt}", GetAsync)
            .WithName("GetDossier").WithSummary("A dossier's current state.");
        dossiers.MapPost("/{receipt}/supplements", SupplementAsync)
            .WithName("SupplementDossier").WithSummary("Sends the supplement the portal asked for.");
        return routes;
    }

    public static Task<IResult> SubmitAsync(PortalDossier dossier, [AsParameters] SimulatorCall call) =>
        call.AnswerAsync(call.Simulation.Submit(dossier),
            state => TypedResults.Created($"/dossiers/{Uri.EscapeDataString(state.Receipt)}", state));

    public static Task<IResult> FindAsync(string? clientReference, [AsParameters] SimulatorCall call) =>
        string.IsNullOrWhiteSpace(clientReference)
            ? Task.FromResult(SimulatorCall.Problem(StatusCodes.Status400BadRequest, "Bad request", "The query needs a clientReference."))
            : call.AnswerAsync(call.Simulation.FindByClientReference(clientReference), found => TypedResults.Ok(found));

    public static Task<IResult> GetAsync(string receipt, [AsParameters] SimulatorCall call) =>
        call.AnswerAsync(call.Simulation.Get(receipt), state => TypedResults.Ok(state));

    public static Task<IResult> SupplementAsync(string receipt, PortalSupplementRequest supplement, [AsParameters] SimulatorCall call) =>
        call.AnswerAsync(call.Simulation.Supplement(receipt, supplement.ClientReference, supplement.Form), state => TypedResults.Ok(state));
}
