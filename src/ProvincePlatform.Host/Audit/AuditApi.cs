using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Audit;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Audit;

public static class AuditApi
{
    public const int MaxPageSize = 500;
    public const int MaxFilterLength = 200;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit", ReadAudit)
            .RequireAuthorization(AccessPolicy.ProvinceAdmin)
            .WithTags("Audit")
            .WithName("ReadAudit")
            .WithSummary("The audit log, newest first: who did what to which resource and when (ProvinceAdmin only).");
        return routes;
    }

    public static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> ReadAudit(
        string? from, string? to, string? client, string? communeCode, string? resource, string? page, string? pageSize,
        IAuditLog log, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        var first = LocalDates.Read("from", from, errors);
        var last = LocalDates.Read("to", to, errors);
        foreach (var (field, date) in new[] { ("from", first), ("to", last) })
        {
            if (date?.Year is < 2000 or > 9998)
            {
                errors[field] = ["Năm từ 2000 đến 9998 / A year from 2000 to 9998."];
            }
        }

        if (first > last)
        {
            errors["to"] = ["Phải từ ngày 'from' trở đi / Must not be before 'from'."];
        }

        foreach (var (field, value) in new[] { ("client", client), ("communeCode", communeCode), ("resource", resource) })
        {
            // Not only control characters: lone surrogates and noncharacters (U+FFFE) name nothing of ours either.
            if (value is not null && (value.Length is 0 or > MaxFilterLength || !GatewayText.IsClean(value)))
            {
                errors[field] = [$"1–{MaxFilterLength} ký tự in được / 1–{MaxFilterLength} printable characters."];
            }
        }

        var (pageNumber, size) = Paging.Read(page, pageSize, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = new AuditQuery(
            first is { } day ? VietnamTime.ToInstant(day, TimeOnly.MinValue) : null,
            last is { } lastDay ? VietnamTime.ToInstant(lastDay.AddDays(1), TimeOnly.MinValue) : null,
            client, communeCode, resource, pageNumber, size);
        var result = await log.QueryAsync(query, http.RequestAborted);
        return TypedResults.Ok(new AuditPageResponse(
            [.. result.Items.Select(AuditEntryResponse.From)], pageNumber, size, result.Total));
    }
}

public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, long Total);

/// <summary>One entry of the audit log, its instant in local time.</summary>
public sealed record AuditEntryResponse(
    DateTimeOffset At, string Client, string Role, string Action, string Method, string Resource, string? CommuneCode, int Status, string? TraceId)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.At.ToOffset(VietnamTime.Offset), entry.Client, entry.Role, entry.Action, entry.Method, entry.Resource,
        entry.CommuneCode, entry.Status, entry.TraceId);
}
