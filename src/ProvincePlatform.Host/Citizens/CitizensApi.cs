using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Citizens;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Host.Bookings;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.Requests;

namespace ProvincePlatform.Host.Citizens;

public static class CitizensApi
{
    public static IEndpointRouteBuilder MapCitizensApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/citizens/lookup", Lookup)
            .WithTags("Citizens")
            .WithName("LookupCitizen")
            .WithSummary("A citizen's bookings and requests by ID number, sent in the body so it never appears in a URL.");
        return routes;
    }

    public static async Task<Results<Ok<CitizenLookupResponse>, ProblemHttpResult>> Lookup(
        LookupBody body, GatewayServices services, CitizenKeys citizenKeys)
    {
        if (CitizenRules.CheckIdNumber(body.IdNumber, services.Today) is { } error)
        {
            return Problems.Invalid("idNumber", error);
        }

        var footprint = await services.Grains.GetGrain<ICitizenGrain>(citizenKeys.KeyOf(body.IdNumber!)).GetAsync();
        var bookings = await Task.WhenAll(footprint.BookingIds.Select(async bookingId =>
            BookingIds.TryGetHelpPointId(bookingId, out var helpPointId)
                ? await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).GetBookingAsync(bookingId)
                : null));
        var requests = await Task.WhenAll(footprint.RequestIds.Select(requestId =>
            services.Grains.GetGrain<ICitizenRequestGrain>(requestId).GetAsync()));
        return TypedResults.Ok(new CitizenLookupResponse(
            [.. bookings.Where(outcome => outcome?.Succeeded == true).Select(outcome => BookingResponse.From(outcome!.Value!))],
            RequestsApi.Summaries(requests)));
    }
}

public sealed record CitizenLookupResponse(IReadOnlyList<BookingResponse> Bookings, IReadOnlyList<RequestSummary> Requests);
