using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Requests;

public static class RequestsApi
{
    public const int MaxPageSize = 100;
    public const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder routes)
    {
        var communes = routes.MapGroup("/communes/{communeCode}/requests").WithTags("Services and citizen requests")
            .RequireAuthorization(AccessPolicy.CitizenData);
        communes.MapPost("/", OpenRequest)
            .WithName("OpenRequest")
            .WithSummary("Opens a citizen request (a dossier) as a draft, optionally during a booking.");
        communes.MapGet("/", ListRequests)
            .WithName("ListRequests")
            .WithSummary("A page of the commune's requests, newest first, by status and local creation date.");

        var requests = routes.MapGroup("/requests/{requestId}").WithTags("Services and citizen requests")
            .RequireAuthorization(AccessPolicy.CitizenData);
        requests.MapGet("/", GetRequest)
            .WithName("GetRequest")
            .WithSummary("One request with its history and portal receipt; the ID number is masked.");
        requests.MapPut("/form", UpdateForm)
            .WithMetadata(new BodyField("form"))
            .WithName("UpdateRequestForm")
            .WithSummary("Replaces the form, while the request is a draft or a supplement was requested.");
        requests.MapPost("/submit", Submit)
            .WithName("SubmitRequest")
            .WithSummary("Files the request with the national portal, exactly once however often it is called.");
        return routes;
    }

    public static async Task<Results<Created<RequestAcceptedResponse>, ProblemHttpResult>> OpenRequest(
        string communeCode, NewRequestBody body, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        if (body.ToRequest(communeCode, services.Today, out var errors) is not { } request)
        {
            return Problems.Invalid(errors);
        }

        var id = RequestIds.New(communeCode);
        var outcome = await services.Grains.GetGrain<ICitizenRequestGrain>(id).CreateAsync(request);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/requests/{id}", RequestAcceptedResponse.From(outcome.Value!))
            : Problems.Of(outcome.Refusal);
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> GetRequest(string requestId, GatewayServices services)
    {
        var request = RequestIds.TryGetCommuneCode(requestId, out _)
            ? await services.Grains.GetGrain<ICitizenRequestGrain>(requestId).GetAsync()
            : null;
        return request is null ? NotFound() : TypedResults.Ok(RequestResponse.From(request));
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> UpdateForm(
        string requestId, IReadOnlyDictionary<string, string> body, GatewayServices services)
    {
        if (!RequestIds.TryGetCommuneCode(requestId, out _))
        {
            return NotFound();
        }

        var grain = services.Grains.GetGrain<ICitizenRequestGrain>(requestId);
        if (await grain.GetAsync() is not { } current)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var form = FormBody.Read(current.ServiceCode, body, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await grain.UpdateFormAsync(form);
        return outcome.Succeeded ? TypedResults.Ok(RequestResponse.From(outcome.Value!)) : Problems.Of(outcome.Refusal);
    }

    public static async Task<Results<Accepted<RequestAcceptedResponse>, ProblemHttpResult>> Submit(
        string requestId, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, GatewayServices services)
    {
        if (!RequestIds.TryGetCommuneCode(requestId, out _))
        {
            return NotFound();
        }

        if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength } || (idempotencyKey is not null && !GatewayText.IsClean(idempotencyKey)))
        {
            return Problems.Invalid("Idempotency-Key", $"1–{MaxIdempotencyKeyLength} ký tự in được / 1–{MaxIdempotencyKeyLength} printable characters.");
        }

        var outcome = await services.Grains.GetGrain<ICitizenRequestGrain>(requestId).SubmitAsync(idempotencyKey);
        return outcome.Succeeded
            ? TypedResults.Accepted($"/api/v1/requests/{requestId}", RequestAcceptedResponse.From(outcome.Value!))
            : Problems.Of(outcome.Refusal);
    }

    public static async Task<Results<Ok<RequestPageResponse>, ProblemHttpResult>> ListRequests(
        string communeCode, string? status, string? from, string? to, string? page, string? pageSize, GatewayServices services)
    {
        if (services.Directory.Find(communeCode) is null)
        {
            return Problems.Of(ProblemType.CommuneNotFound);
        }

        if (ReadQuery(status, from, to, page, pageSize, out var errors) is not { } query)
        {
            return Problems.Invalid(errors);
        }

        var result = await services.Grains.GetGrain<IRequestRegisterGrain>(communeCode).ListAsync(query);
        return TypedResults.Ok(new RequestPageResponse(result.Items, query.Page, query.PageSize, result.Total));
    }

    private static RequestQuery? ReadQuery(
        string? statusText, string? fromText, string? toText, string? pageText, string? pageSizeText, out Dictionary<string, string[]> errors)
    {
        errors = [];
        RequestStatus? status = null;
        if (statusText is not null)
        {
            status = Enum.GetValues<RequestStatus>().Select(value => (RequestStatus?)value)
                .FirstOrDefault(value => GatewayJson.EnumName(value!.Value) == statusText);
            if (status is null)
            {
                errors["status"] = [$"Một trong / One of: {string.Join(", ", Enum.GetValues<RequestStatus>().Select(value => GatewayJson.EnumName(value)))}."];
            }
        }

        var from = LocalDates.Read("from", fromText, errors);
        var to = LocalDates.Read("to", toText, errors);
        if (from > to)
        {
            errors["to"] = ["Phải từ ngày 'from' trở đi / Must not be before 'from'."];
        }

        var (page, pageSize) = Paging.Read(pageText, pageSizeText, MaxPageSize, errors);
        return errors.Count == 0 ? new RequestQuery(status, from, to, page, pageSize) : null;
    }

    private static ProblemHttpResult NotFound() => Problems.Of(new Refusal(RefusalCode.RequestNotFound));

    internal static ImmutableArray<RequestSummary> Summaries(IEnumerable<RequestView?> requests) =>
        [.. requests.OfType<RequestView>().Select(request => request.Summary())];
}
