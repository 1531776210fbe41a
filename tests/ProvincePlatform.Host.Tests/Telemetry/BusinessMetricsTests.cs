using System.Net;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c>, scraped as Prometheus does, before and after a day of bookings and three filings: each business
/// metric moved by exactly what the day did, and Orleans', the runtime's and ASP.NET Core's metrics are there.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class BusinessMetricsTests(TelemetryFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task A_day_of_bookings_and_filings_shows_in_every_business_metric()
    {
        var before = await ScrapeAsync();
        var day = gateway.NextMorning();
        var helpPoint = await OpenHelpPointAsync(3);
        var tonight = SessionId(day);
        var a = TestCitizens.NewIdNumber();
        var first = await BookNewAsync(helpPoint, tonight, a, HttpStatusCode.Created);
        var second = await BookNewAsync(helpPoint, tonight, TestCitizens.NewIdNumber(), HttpStatusCode.Created);
        var third = await BookNewAsync(helpPoint, tonight, TestCitizens.NewIdNumber(), HttpStatusCode.Created);
        await BookNewAsync(helpPoint, tonight, TestCitizens.NewIdNumber(), HttpStatusCode.Created, waitlist: true);
        await BookNewAsync(helpPoint, tonight, TestCitizens.NewIdNumber(), HttpStatusCode.Conflict);
        await BookNewAsync(helpPoint, tonight, a, HttpStatusCode.Conflict);
        Assert.Equal(1, (await ScrapeAsync()).Value("province_waitlist_length"));

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{third}")).StatusCode);
        await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{first}/check-in", null), HttpStatusCode.OK);
        await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{first}/check-in", null), HttpStatusCode.OK);
        await BookNewAsync(helpPoint, SessionId(day.AddDays(1)), TestCitizens.NewIdNumber(), HttpStatusCode.Created);
        await HttpJson.ReadAsync(await PostAsync($"/api/v1/help-points/{helpPoint}/closures", Bodies.Closure(day.AddDays(1))), HttpStatusCode.Created);
        gateway.SetLocalTime(new TimeOnly(19, 10));
        await HttpJson.ReadAsync(await WalkInAsync(helpPoint, tonight, TestCitizens.NewIdNumber()), HttpStatusCode.Created);
        gateway.SetLocalTime(new TimeOnly(20, 1));
        await gateway.Grains.GetGrain<IHelpPointGrain>(helpPoint).AsReference<IRemindable>()
            .ReceiveReminder(HelpPointGrain.HousekeepingReminder, default);

        var filed = await FileAsync(portal => (portal.RejectionRate, portal.SupplementRate) = (0, 0));
        await FileAsync(portal => portal.RefusalRate = 1);
        var stuck = await FileAsync(portal => portal.FailureRate = 1);
        gateway.Clock.Advance(TimeSpan.FromMinutes(10));

        var metrics = (await ScrapeAsync()).Since(before);
        Assert.Equal(4, metrics.Value("province_bookings_total", ("outcome", "confirmed")));
        Assert.Equal(1, metrics.Value("province_bookings_total", ("outcome", "waitlisted")));
        Assert.Equal(1, metrics.Value("province_bookings_total", ("outcome", "full")));
        Assert.Equal(1, metrics.Value("province_bookings_total", ("outcome", "duplicate")));
        Assert.Equal(1, metrics.Value("province_check_ins_total"));
        Assert.Equal(1, metrics.Value("province_walk_ins_total"));
        Assert.Equal(2, metrics.Value("province_cancellations_total", ("by", "citizen")));
        Assert.Equal(1, metrics.Value("province_cancellations_total", ("by", "help_point")));
        Assert.Equal(1, metrics.Value("province_no_shows_total"));
        Assert.Equal(3, metrics.Value("province_seats_offered_total"));
        Assert.Equal(2, metrics.Value("province_seats_taken_total"));
        Assert.Equal(0, metrics.Value("province_waitlist_length"));
        Assert.Equal(1, metrics.Value("province_submissions_total", ("outcome", "submitted")));
        Assert.Equal(1, metrics.Value("province_submissions_total", ("outcome", "failed")));
        Assert.Equal(1, metrics.Value("province_submissions_total", ("outcome", "retried")));
        Assert.Equal(1, metrics.Value("province_portal_duration_seconds_count", ("operation", "file"), ("outcome", "ok")));
        Assert.Equal(1, metrics.Value("province_portal_duration_seconds_count", ("operation", "file"), ("outcome", "refused")));
        Assert.Equal(1, metrics.Value("province_portal_duration_seconds_count", ("operation", "file"), ("outcome", "transient")));
        Assert.Equal(1, metrics.Value("province_submissions_pending"));
        Assert.Equal(600, metrics.Value("province_submissions_oldest_age_seconds"), precision: 0);
        Assert.Equal("submitted", (await GetRequestAsync(filed)).Text("status"));
        Assert.Equal("submitting", (await GetRequestAsync(stuck)).Text("status"));
    }

    [Fact]
    public async Task Orleans_runtime_and_HTTP_metrics_are_exported_beside_ours()
    {
        await GetJsonAsync("/api/v1/services");

        var metrics = await ScrapeAsync();

        Assert.Contains(metrics.Names, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(metrics.Names, name => name.StartsWith("dotnet_", StringComparison.Ordinal) || name.StartsWith("process_runtime_dotnet_", StringComparison.Ordinal));
        Assert.True(metrics.Value("http_server_request_duration_seconds_count", ("http_route", "/api/v1/services")) >= 1);
    }

    [Fact]
    public async Task Metrics_need_no_key_and_carry_no_resource_ids()
    {
        using var anonymous = Gateway.ClientFor(null);
        var response = await anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(CommuneCode + "-", text, StringComparison.Ordinal);
    }

    private async Task<string?> BookNewAsync(string helpPoint, string session, string idNumber, HttpStatusCode expected, bool? waitlist = null)
    {
        var response = await BookAsync(helpPoint, session, idNumber, waitlist);
        var body = await HttpJson.ReadAsync(response, expected);
        return expected == HttpStatusCode.Created ? body.Text("id") : null;
    }

    /// <summary>Opens and submits a request, then plays the reminder once: exactly one attempt is made, whoever makes it.</summary>
    private async Task<string> FileAsync(Action<Portal.Simulation.PortalSimulationOptions> portal)
    {
        using var configured = gateway.ConfigurePortal(portal);
        var request = await OpenDraftAsync();
        await SubmitAcceptedAsync(request);
        await gateway.TickAsync(request);
        return request;
    }

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        var response = await Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }
}
