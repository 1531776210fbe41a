using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Host.Tests.Support;
using ProvincePlatform.Host.Tests.Telemetry;

namespace ProvincePlatform.Host.Tests.Observability;

/// <summary>
/// The Grafana dashboard of <c>deploy/observability/</c>, and the alert rules' queries, against what the real host
/// exports at <c>/metrics</c> after a day of bookings and a filing: every query reads metrics that exist, every
/// business metric has a panel, and every query is PromQL that Prometheus accepts.
/// </summary>
/// <remarks>
/// On the telemetry host, whose collection runs alone: with several hosts alive in one test process, a host's
/// <c>/metrics</c> was seen to lack metrics of meters created through its own <c>IMeterFactory</c>. A deployed silo
/// is one host per process.
/// </remarks>
[Collection(TelemetryCollection.Name)]
public sealed partial class GrafanaDashboardTests(TelemetryFixture gateway) : GatewayTest(gateway)
{
    /// <summary>Prometheus' own series, which no host exports.</summary>
    private static readonly HashSet<string> s_prometheusSeries = new(StringComparer.Ordinal) { "up" };

    private static readonly string[] s_histogramSuffixes = ["_bucket", "_count", "_sum"];

    [Fact]
    public async Task Every_dashboard_query_reads_metrics_the_host_exports()
    {
        var exported = await ExportedAfterADayAsync();

        var unknown = DashboardQueries()
            .SelectMany(query => PromQl.MetricNames(query.Expression).Select(name => (query.Source, Name: name)))
            .Where(use => !IsExported(use.Name, exported))
            .Select(use => $"{use.Name} ({use.Source})")
            .ToList();

        Assert.True(unknown.Count == 0, $"The dashboard reads metrics the host does not export: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public async Task Every_alert_rule_reads_metrics_the_host_exports()
    {
        var exported = await ExportedAfterADayAsync();

        var unknown = PromQl.RuleExpressions(ObservabilityFiles.Read(ObservabilityFiles.AlertRules))
            .SelectMany(rule => PromQl.MetricNames(rule.Expression).Select(name => (rule.Source, Name: name)))
            .Where(use => !IsExported(use.Name, exported))
            .Select(use => $"{use.Name} ({use.Source})")
            .ToList();

        Assert.True(unknown.Count == 0, $"The alert rules read metrics the host does not export: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public async Task Every_business_metric_the_host_exports_has_a_panel()
    {
        var exported = await ExportedAfterADayAsync();
        var read = DashboardQueries().SelectMany(query => PromQl.MetricNames(query.Expression)).Select(Family).ToHashSet(StringComparer.Ordinal);

        var business = exported.Where(name => name.StartsWith("province_", StringComparison.Ordinal)).Select(Family).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(business);
        Assert.All(business, name => Assert.True(read.Contains(name), $"No panel shows {name}."));
        Assert.Contains(read, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(read, name => name.StartsWith("dotnet_", StringComparison.Ordinal));
        Assert.Contains(read, name => name.StartsWith("http_server_", StringComparison.Ordinal));
        Assert.Contains("up", read);
    }

    [Fact]
    public async Task The_booking_routes_of_BookingErrors_match_the_routes_the_host_reports()
    {
        await AfterADayAsync();
        var routes = (await ScrapeAsync())
            .Where(sample => sample.Name == "http_server_request_duration_seconds_count")
            .Select(sample => RouteLabel().Match(sample.Line))
            .Where(route => route.Success)
            .Select(route => route.Groups["route"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var bookingErrors = Assert.Single(PromQl.RuleExpressions(ObservabilityFiles.Read(ObservabilityFiles.AlertRules)), rule => rule.Source == "BookingErrors");
        var pattern = new Regex($"^(?:{RouteMatcher().Match(bookingErrors.Expression).Groups["regex"].Value})$", RegexOptions.None, TimeSpan.FromSeconds(1));

        var bookingRoutes = routes.Where(route => route.Contains("/bookings", StringComparison.Ordinal) || route.Contains("/walk-ins", StringComparison.Ordinal)).ToList();

        Assert.Contains(bookingRoutes, route => route.Contains("/sessions/", StringComparison.Ordinal) && route.Contains("/bookings", StringComparison.Ordinal));
        Assert.Contains(bookingRoutes, route => route.Contains("/sessions/", StringComparison.Ordinal) && route.Contains("/walk-ins", StringComparison.Ordinal));
        Assert.Contains(bookingRoutes, route => route.StartsWith("/api/v1/bookings/", StringComparison.Ordinal) && route.Contains("/check-in", StringComparison.Ordinal));
        Assert.Contains(bookingRoutes, route => route.StartsWith("/api/v1/bookings/", StringComparison.Ordinal) && !route.Contains("/check-in", StringComparison.Ordinal));
        Assert.All(bookingRoutes, route => Assert.Matches(pattern, route));
        Assert.All(routes.Except(bookingRoutes), route => Assert.DoesNotMatch(pattern, route));
    }

    [Fact]
    public async Task Every_dashboard_query_is_PromQL_that_promtool_accepts()
    {
        // promtool parses every query as a recording rule, with Grafana's variables given values.
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        foreach (var (query, index) in DashboardQueries().Select((query, index) => (query, index)))
        {
            var expression = PromQl.WithoutGrafanaVariables(query.Expression);
            Assert.DoesNotContain("$", expression, StringComparison.Ordinal);
            rules.Append(CultureInfo.InvariantCulture, $"      - record: dashboard:query_{index}\n")
                .Append(CultureInfo.InvariantCulture, $"        expr: '{expression.Replace("'", "''", StringComparison.Ordinal)}'\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"province-dashboard-{Guid.NewGuid():N}.rules.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            var check = await Promtool.RunAsync("check", "rules", file);

            Assert.True(check.ExitCode == 0, check.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_dashboard_is_Grafana_10_with_a_Prometheus_data_source_variable_and_bilingual_titles()
    {
        using var document = JsonDocument.Parse(ObservabilityFiles.Read(ObservabilityFiles.Dashboard));
        var dashboard = document.RootElement;

        Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 38, "Grafana 10 writes schemaVersion 38 or later.");
        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("uid").GetString()));
        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, variable => variable.GetProperty("type").GetString() == "datasource"
            && variable.GetProperty("name").GetString() == "datasource" && variable.GetProperty("query").GetString() == "prometheus");

        var panels = Panels(dashboard.GetProperty("panels")).ToList();
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(panels, panel =>
        {
            var title = panel.GetProperty("title").GetString() ?? string.Empty;
            Assert.True(title.Split(" / ").Length >= 2 || title == "HTTP", $"Panel title \"{title}\" is not \"Vietnamese / English\".");
            if (panel.GetProperty("type").GetString() != "row")
            {
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.All(panel.GetProperty("targets").EnumerateArray(), target =>
                    Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString()));
            }
        });
    }

    private static IReadOnlyList<PromQuery> DashboardQueries()
    {
        using var document = JsonDocument.Parse(ObservabilityFiles.Read(ObservabilityFiles.Dashboard));
        var queries = PromQl.DashboardQueries(document.RootElement);
        Assert.NotEmpty(queries);
        return queries;
    }

    private static IEnumerable<JsonElement> Panels(JsonElement panels) =>
        panels.EnumerateArray().SelectMany(panel =>
            panel.TryGetProperty("panels", out var nested) ? Panels(nested).Prepend(panel) : [panel]);

    /// <summary>Exported as such, as a histogram's <c>_bucket</c>, <c>_count</c> or <c>_sum</c>, or Prometheus' own.</summary>
    private static bool IsExported(string name, IReadOnlySet<string> exported) =>
        s_prometheusSeries.Contains(name) || exported.Contains(name) || s_histogramSuffixes.Any(suffix => exported.Contains(name + suffix));

    /// <summary>A histogram's series by the histogram's name; other metrics by their own.</summary>
    private static string Family(string name) =>
        s_histogramSuffixes.FirstOrDefault(suffix => name.EndsWith(suffix, StringComparison.Ordinal)) is { } suffix ? name[..^suffix.Length] : name;

    private async Task<IReadOnlySet<string>> ExportedAfterADayAsync()
    {
        await AfterADayAsync();
        return (await ScrapeAsync()).Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// What makes the host count every business metric at least once, on help points of the test's own: bookings
    /// confirmed, waitlisted, full and duplicate; a cancellation by the citizen and one by a closure; tonight's
    /// check-in, walk-in and no-show, with the session settled at its end; a request filed with the portal.
    /// </summary>
    private async Task AfterADayAsync()
    {
        var day = Gateway.NextMorning();

        var small = await OpenHelpPointAsync(1);
        var tomorrow = SessionId(day.AddDays(1));
        var first = TestCitizens.NewIdNumber();
        var confirmed = await HttpJson.ReadAsync(await BookAsync(small, tomorrow, first, waitlist: true), HttpStatusCode.Created);
        await BookNewCitizenAsync(small, tomorrow, "waitlisted");
        await HttpJson.ReadProblemAsync(await BookAsync(small, tomorrow, TestCitizens.NewIdNumber()), HttpStatusCode.Conflict, "session-full");
        await HttpJson.ReadProblemAsync(await BookAsync(small, tomorrow, first, waitlist: true), HttpStatusCode.Conflict, "already-booked");
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{confirmed.Text("id")}")).StatusCode);
        await HttpJson.ReadAsync(await PostAsync($"/api/v1/help-points/{small}/closures", Bodies.Closure(day.AddDays(1))), HttpStatusCode.Created);

        var evening = await OpenHelpPointAsync(3);
        var tonight = SessionId(day);
        var arriving = await BookNewCitizenAsync(evening, tonight);
        await BookNewCitizenAsync(evening, tonight);
        Gateway.SetLocalTime(new TimeOnly(19, 10));
        await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{arriving}/check-in", null), HttpStatusCode.OK);
        await HttpJson.ReadAsync(await WalkInAsync(evening, tonight, TestCitizens.NewIdNumber()), HttpStatusCode.Created);
        Gateway.SetLocalTime(new TimeOnly(20, 30));
        await Gateway.Grains.GetGrain<IHelpPointGrain>(evening).AsReference<IRemindable>()
            .ReceiveReminder(HelpPointGrain.HousekeepingReminder, default);

        var request = await OpenDraftAsync();
        await SubmitAcceptedAsync(request);
        await DriveUntilAsync(request, "submitted");
    }

    /// <summary>Scrapes <c>/metrics</c> as Prometheus does, with no key, and returns its samples.</summary>
    private async Task<IReadOnlyList<ScrapedSample>> ScrapeAsync()
    {
        using var prometheus = Gateway.ClientFor(null);
        var response = await prometheus.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        return [.. text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => SampleName().Match(line))
            .Where(match => match.Success)
            .Select(match => new ScrapedSample(match.Groups["name"].Value, match.Value))];
    }

    private sealed record ScrapedSample(string Name, string Line);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+\S+.*$")]
    private static partial Regex SampleName();

    [GeneratedRegex("""[{,]http_route="(?<route>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RouteLabel();

    [GeneratedRegex("""http_route=~"(?<regex>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RouteMatcher();
}
