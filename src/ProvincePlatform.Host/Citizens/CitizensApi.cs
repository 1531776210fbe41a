using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Citizens;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Audit;
using ProvincePlatform.Host.Bookings;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.Requests;

namespace ProvincePlatform.Host.Citizens;

public static class CitizensApi
{
    public static IEndpointRouteBuilder MapCitizensApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/citizens/lookup", Lookup)
            .RequireAuthorization(AccessPolicy.CitizenLookup)
            .WithTags("Citizens")
            .WithName("LookupCitizen")
            .WithSummary("A citizen's bookings and requests by ID number, sent in the body so it never appears in a URL.");
        return routes;
    }

    public static async Task<Results<Ok<CitizenLookupResponse>, ProblemHttpResult>> Lookup(
        LookupBody body, GatewayServices services, CitizenKeys citizenKeys, ICitizenIndex citizenIndex, HttpContext http)
    {
        if (CitizenRules.CheckIdNumber(body.IdNumber, services.Today) is { } error)
        {
            return Problems.Invalid("idNumber", error);
        }

        var citizenKey = citizenKeys.KeyOf(body.IdNumber!);
        http.Features.Set(new AuditedResource($"citizen:{citizenKey}"));
        // A commune portal sees the citizen's footprint in its own communes only; the rest is not even fetched.
        var client = http.Features.Get<GatewayClient>()!;
        var footprint = await FootprintAsync(citizenKey, services, citizenIndex);
        var bookings = await Task.WhenAll(footprint.BookingIds
            .Where(bookingId => CommuneScope.CommuneOfBooking(bookingId) is { } commune && client.Serves(commune))
            .Select(async bookingId => BookingIds.TryGetHelpPointId(bookingId, out var helpPointId)
                ? await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).GetBookingAsync(bookingId)
                : null));
        var requests = await Task.WhenAll(footprint.RequestIds
            .Where(requestId => CommuneScope.CommuneOfRequest(requestId) is { } commune && client.Serves(commune))
            .Select(requestId => services.Grains.GetGrain<ICitizenRequestGrain>(requestId).GetAsync()));
        return TypedResults.Ok(new CitizenLookupResponse(
            [.. bookings.Where(outcome => outcome?.Succeeded == true).Select(outcome => BookingResponse.From(outcome!.Value!))],
            RequestsApi.Summaries(requests)));
    }

    /// <summary>
    /// The index, with what citizen grains indexed before the index became a table (they keep it, and old silos in a
    /// rolling upgrade may still add to it).
    /// </summary>
    private static async Task<CitizenFootprint> FootprintAsync(string citizenKey, GatewayServices services, ICitizenIndex citizenIndex)
    {
        var (indexed, earlier) = (citizenIndex.FindAsync(citizenKey), services.Grains.GetGrain<ICitizenGrain>(citizenKey).GetAsync());
        var (now, before) = (await indexed, await earlier);
        return new CitizenFootprint([.. before.BookingIds.Union(now.BookingIds)], [.. before.RequestIds.Union(now.RequestIds)]);
    }
}

public sealed record CitizenLookupResponse(IReadOnlyList<BookingResponse> Bookings, IReadOnlyList<RequestSummary> Requests);
