using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.HelpPoints;

namespace ProvincePlatform.Host.Sessions;

public static class SessionsApi
{
    /// <summary>The most days one listing may span, both ends included.</summary>
    public const int MaxDaysPerCall = 62;

    /// <summary>How far from today a listing may reach, either way.</summary>
    public const int MaxDaysFromToday = 366;

    private const int DefaultDays = 7;

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/help-points/{helpPointId}/sessions").WithTags("Sessions")
            .RequireAuthorization(AccessPolicy.CommuneRead)
            .MapGet("/", ListSessions)
            .WithName("ListSessions")
            .WithSummary($"A help point's sessions between two local dates (default: the next {DefaultDays} days; at most {MaxDaysPerCall}).");
        return routes;
    }

    public static async Task<Results<Ok<SessionView[]>, ProblemHttpResult>> ListSessions(
        string helpPointId, string? from, string? to, GatewayServices services)
    {
        if (!HelpPointIds.IsWellFormed(helpPointId))
        {
            return HelpPointsApi.HelpPointNotFound();
        }

        if (ReadRange(from, to, services.Today, out var errors) is not var (first, last))
        {
            return Problems.Invalid(errors);
        }

        var outcome = await services.Grains.GetGrain<IHelpPointGrain>(helpPointId).GetSessionsAsync(first, last);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value.ToArray()) : Problems.Of(outcome.Refusal);
    }

    private static (DateOnly From, DateOnly To)? ReadRange(
        string? fromText, string? toText, DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var from = ReadDate("from", fromText, today, today, errors);
        // The default end counts from a valid start only: from 9999-12-31 it would overflow the calendar.
        var to = ReadDate("to", toText, (errors.Count == 0 ? from : today).AddDays(DefaultDays - 1), today, errors);
        if (errors.Count == 0 && to < from)
        {
            errors["to"] = ["Phải từ ngày 'from' trở đi / Must not be before 'from'."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber + 1 > MaxDaysPerCall)
        {
            errors["to"] = [$"Tối đa {MaxDaysPerCall} ngày mỗi lần / At most {MaxDaysPerCall} days per call."];
        }

        return errors.Count == 0 ? (from, to) : null;
    }

    private static DateOnly ReadDate(
        string field, string? text, DateOnly fallback, DateOnly today, Dictionary<string, string[]> errors)
    {
        var date = LocalDates.Read(field, text, errors) ?? fallback;
        if (!errors.ContainsKey(field) && Math.Abs(date.DayNumber - today.DayNumber) > MaxDaysFromToday)
        {
            errors[field] = [$"Trong vòng {MaxDaysFromToday} ngày quanh hôm nay / Within {MaxDaysFromToday} days of today."];
        }

        return date;
    }
}
