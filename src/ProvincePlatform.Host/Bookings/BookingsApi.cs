using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.HelpPoints;

namespace ProvincePlatform.Host.Bookings;

public static class BookingsApi
{
    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/help-points/{helpPointId}/sessions/{sessionId}").WithTags("Bookings")
            .RequireAuthorization(AccessPolicy.CommuneWrite);
        sessions.MapPost("/bookings", Book)
            .WithName("Book")
            .WithSummary("Books a citizen into a session, or onto its waitlist when asked and the session is full.");
        sessions.MapPost("/walk-ins", WalkIn)
            .WithName("WalkIn")
            .WithSummary("Seats a citizen who came without booking, when a computer is free.");

        var bookings = routes.MapGroup("/bookings/{bookingId}").WithTags("Bookings")
            .RequireAuthorization(AccessPolicy.CitizenData);
        bookings.MapGet("/", GetBooking)
            .WithName("GetBooking")
            .WithSummary("One booking; the citizen's ID number is masked to its last three digits.");
        bookings.MapDelete("/", CancelBooking)
            .WithName("CancelBooking")
            .WithSummary("Cancels a booking; the first waitlisted booking of its session takes the seat.");
        bookings.MapPost("/check-in", CheckIn)
            .WithName("CheckIn")
            .WithSummary("Records the citizen's arrival, on the session's date; twice is harmless.");
        return routes;
    }

    public static async Task<Results<Created<BookingPlacedResponse>, ProblemHttpResult>> Book(
        string helpPointId, string sessionId, BookingBody body, GatewayServices services)
    {
        if (CheckSession(helpPointId, sessionId) is { } problem)
        {
            return problem;
        }

        if (body.ToRequest(services.Today, out var errors) is not { } request)
        {
            return Problems.Invalid(errors);
        }

        return Placed(await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).BookAsync(sessionId, request));
    }

    public static async Task<Results<Created<BookingPlacedResponse>, ProblemHttpResult>> WalkIn(
        string helpPointId, string sessionId, WalkInBody body, GatewayServices services)
    {
        if (CheckSession(helpPointId, sessionId) is { } problem)
        {
            return problem;
        }

        if (body.ToRequest(services.Today, out var errors) is not { } request)
        {
            return Problems.Invalid(errors);
        }

        return Placed(await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).WalkInAsync(sessionId, request));
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GetBooking(
        string bookingId, GatewayServices services) =>
        Read(await OnBookingAsync(bookingId, services, (grain, id) => grain.GetBookingAsync(id)));

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelBooking(
        string bookingId, GatewayServices services)
    {
        var outcome = await OnBookingAsync(bookingId, services, (grain, id) => grain.CancelBookingAsync(id));
        return outcome.Succeeded ? TypedResults.NoContent() : Problems.Of(outcome.Refusal);
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CheckIn(
        string bookingId, GatewayServices services) =>
        Read(await OnBookingAsync(bookingId, services, (grain, id) => grain.CheckInAsync(id)));

    private static ProblemHttpResult? CheckSession(string helpPointId, string sessionId) =>
        !HelpPointIds.IsWellFormed(helpPointId) ? HelpPointsApi.HelpPointNotFound()
        : !SessionSlot.TryParseId(sessionId, out _, out _)
            ? Problems.Invalid("sessionId", "Mã phiên dạng yyyy-MM-ddTHH:mm / A session id as yyyy-MM-ddTHH:mm.")
            : null;

    private static Task<Outcome<BookingView>> OnBookingAsync(
        string bookingId, GatewayServices services, Func<IHelpPointGrain, string, Task<Outcome<BookingView>>> call) =>
        BookingIds.TryGetHelpPointId(bookingId, out var helpPointId)
            ? call(services.Grains.GetGrain<IHelpPointGrain>(helpPointId), bookingId)
            : Task.FromResult<Outcome<BookingView>>(new Refusal(RefusalCode.BookingNotFound));

    private static Results<Created<BookingPlacedResponse>, ProblemHttpResult> Placed(Outcome<BookingView> outcome) =>
        outcome.Succeeded
            ? TypedResults.Created($"/api/v1/bookings/{outcome.Value!.Id}", BookingPlacedResponse.From(outcome.Value))
            : Problems.Of(outcome.Refusal);

    private static Results<Ok<BookingResponse>, ProblemHttpResult> Read(Outcome<BookingView> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(BookingResponse.From(outcome.Value!)) : Problems.Of(outcome.Refusal);
}
