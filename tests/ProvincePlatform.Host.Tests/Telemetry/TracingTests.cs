using System.Diagnostics;
using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Telemetry;

/// <summary>One HTTP booking is one trace: the gateway's server span, and under it the grain calls it made.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingTests(TelemetryFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task One_booking_over_HTTP_is_one_trace_from_the_gateway_through_the_grain_calls()
    {
        var helpPoint = await OpenHelpPointAsync(2);
        var path = BookingsOf(helpPoint, SessionId(Today.AddDays(1)));

        await HttpJson.ReadAsync(await PostAsync(path, Bodies.Booking(TestCitizens.NewIdNumber())), HttpStatusCode.Created);
        var server = await gateway.RequestEnds.OfAsync(path);

        var spans = gateway.SpansOf(server.TraceId);
        Assert.Single(spans, span => span.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal("/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings", server.GetTagItem("http.route"));
        var grainCalls = spans.Where(span => span.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.Contains(grainCalls, span => span.DisplayName.Contains("BookAsync", StringComparison.Ordinal));
        // The test's own HttpClient call, instrumented in this process too, is the caller: the server span's parent.
        Assert.All(spans.Where(span => span != server && span.SpanId != server.ParentSpanId), span => Assert.True(
            DescendsFrom(span, server, spans), $"{span.Source.Name} {span.DisplayName} is not under the request's span"));
    }

    [Fact]
    public async Task A_log_record_written_while_serving_a_request_carries_its_trace_id()
    {
        using var ops = Gateway.ClientFor(TestClients.Ops);
        var helpPoint = await OpenHelpPointAsync(2);
        var path = $"/api/v1/help-points/{helpPoint}/closures";

        await HttpJson.ReadProblemAsync(await ops.PostAsync(path, HttpJson.Content(Bodies.Closure(Today.AddDays(3)))), HttpStatusCode.Forbidden);
        var server = await gateway.RequestEnds.OfAsync(path);

        var refused = Assert.Single(gateway.Logs.Snapshot(), log => log.TraceId == server.TraceId && log.CategoryName == "ProvincePlatform.Host.Access.AccessResultHandler");
        Assert.Equal(server.SpanId, refused.SpanId);
        Assert.Contains("ops-team", refused.FormattedMessage, StringComparison.Ordinal);
    }

    private static bool DescendsFrom(Activity span, Activity root, IReadOnlyList<Activity> spans)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == root.SpanId)
            {
                return true;
            }

            parent = spans.FirstOrDefault(candidate => candidate.SpanId == parent)?.ParentSpanId ?? default;
        }

        return false;
    }
}
