using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// The body of <c>/health/ready</c>: the overall status and, for each check, its status, what it found and how long it
/// took. Only the checks' descriptions go out, which are written to be answered to anyone: never an exception, a host
/// name, a connection string or a key.
/// </summary>
/// <example>
/// <code>
/// {"status":"Degraded","durationMs":2.4,"checks":{
///   "silo":{"status":"Healthy","description":"The silo is an active member of the cluster.","durationMs":0.1},
///   "portal":{"status":"Degraded","description":"The national portal is unavailable.","durationMs":2.2}}}
/// </code>
/// </example>
public static class HealthReportJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Milliseconds(report.TotalDuration));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteNumber("durationMs", Milliseconds(entry.Duration));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 1);
}
