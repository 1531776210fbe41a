using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using ProvincePlatform.Host.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Host.Tests.Pages;

/// <summary>
/// The dashboard in headless Chromium against the running host, as Province IT uses it: open <c>/dashboard</c>, type
/// a key, sign in, and read the rollout and the results that <see cref="DashboardScene"/> made through the API, on a
/// desktop and on a phone. The figures are checked against what the scene did and against what the API answers, so
/// the page neither loses nor invents anything on the way.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardFixture dashboard, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> s_vietnameseStages = new(StringComparer.Ordinal)
    {
        ["notStarted"] = "Chưa triển khai",
        ["preparing"] = "Đang chuẩn bị",
        ["piloting"] = "Thí điểm",
        ["active"] = "Đang hoạt động",
        ["paused"] = "Tạm dừng",
    };

    private DashboardBrowser Page => dashboard.Browser;

    private DashboardScene Scene => dashboard.Scene;

    [Fact]
    public void The_rollout_table_lists_the_seeded_communes_with_their_Vietnamese_stage_since_and_help_points()
    {
        SignInAsAdmin(Viewport.Desktop);

        var rows = Page.Rows();

        foreach (var (code, name) in Scene.DistrictCommunes)
        {
            var row = rows[code];
            var stage = Scene.StagesSetByHand.GetValueOrDefault(code, "preparing");
            Assert.Equal(Scene.DistrictName, row.District);
            Assert.Equal(name, row.Commune);
            Assert.Equal(stage, row.StageKey);
            Assert.StartsWith(s_vietnameseStages[stage], row.StageText, StringComparison.Ordinal);
            Assert.Equal(DashboardBrowser.Display(Scene.Day), row.Since);
            Assert.Equal(DashboardScene.HelpPointsPerCommune.ToString(CultureInfo.InvariantCulture), row.HelpPoints);
        }

        var elsewhere = rows[TestClients.ForeignCommuneCode];
        Assert.Equal("notStarted", elsewhere.StageKey);
        Assert.StartsWith("Chưa triển khai", elsewhere.StageText, StringComparison.Ordinal);
        Assert.Equal("—", elsewhere.Since);
        Assert.Equal("0", elsewhere.HelpPoints);
    }

    [Fact]
    public async Task The_district_chart_draws_the_seeded_district_by_stage_and_every_district_as_the_API_counts_it()
    {
        SignInAsAdmin(Viewport.Desktop);
        var rollout = await ReadAsync("/api/v1/province/rollout");

        var bars = Page.Marks("chart-rollout");

        var seeded = bars.Where(bar => bar.Label == Scene.DistrictName).ToDictionary(bar => bar.Series, bar => bar.Value);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["notStarted"] = "0",
                ["preparing"] = Text(Scene.DistrictCommunes.Count - Scene.StagesSetByHand.Count),
                ["piloting"] = "1",
                ["active"] = "1",
                ["paused"] = "1",
            },
            seeded);
        var expected = rollout.GetProperty("districts").EnumerateArray()
            .SelectMany(district => district.GetProperty("stages").EnumerateObject()
                .Select(stage => new DrawnMark(district.Text("name"), stage.Name, Text(stage.Value.GetInt32()))))
            .ToList();
        Assert.Equal(expected.Order(MarkOrder.Instance), bars.Order(MarkOrder.Instance));
    }

    [Fact]
    public async Task The_weekly_chart_draws_the_seeded_evening_in_its_week_and_nothing_in_the_others()
    {
        SignInAsAdmin(Viewport.Desktop);
        var stats = await ReadAsync("/api/v1/province/stats");
        var week = DashboardBrowser.Display(Scene.WeekStart);

        var marks = Page.Marks("chart-weekly");

        Assert.Contains(new DrawnMark(week, "citizensGuided", Text(DashboardScene.CitizensGuided)), marks);
        Assert.Contains(new DrawnMark(week, "requestsFiledOnline", Text(DashboardScene.RequestsFiledOnline)), marks);
        Assert.All(marks.Where(mark => mark.Label != week), mark => Assert.Equal("0", mark.Value));
        // A column and a point for each week of the API's default range, the last twelve weeks.
        Assert.Equal(stats.GetProperty("weeks").GetArrayLength() * 2, marks.Count);
        Assert.Equal(DashboardBrowser.Display(DateOnly.Parse(stats.Text("from"), CultureInfo.InvariantCulture)), Page.Value("from"));
        Assert.Equal(DashboardBrowser.Display(Scene.Day), Page.Value("to"));
    }

    [Fact]
    public async Task The_utilisation_chart_draws_the_seeded_district_as_the_API_reckons_it_in_percent()
    {
        SignInAsAdmin(Viewport.Desktop);
        var stats = await ReadAsync("/api/v1/province/stats");
        var district = Assert.Single(stats.GetProperty("districts").EnumerateArray());
        var utilisation = district.GetProperty("utilisation").GetDouble();

        var bar = Assert.Single(Page.Marks("chart-utilisation"));

        Assert.Equal(Scene.DistrictName, bar.Label);
        Assert.Equal("utilisation", bar.Series);
        Assert.True(utilisation > 0, $"The seeded evening used no seat: {district}");
        Assert.Equal(utilisation * 100, double.Parse(bar.Value, CultureInfo.InvariantCulture), tolerance: 0.051);
    }

    [Fact]
    public async Task The_summary_cards_show_the_seeded_stages_help_points_and_results()
    {
        SignInAsAdmin(Viewport.Desktop);
        var stats = await ReadAsync("/api/v1/province/stats");
        var rollout = await ReadAsync("/api/v1/province/rollout");

        var summary = Page.Summary();

        Assert.Equal(Text(rollout.GetProperty("communes").GetArrayLength() - Scene.DistrictCommunes.Count), summary["stage-notStarted"]);
        Assert.Equal(Text(Scene.DistrictCommunes.Count - Scene.StagesSetByHand.Count), summary["stage-preparing"]);
        Assert.Equal("1", summary["stage-piloting"]);
        Assert.Equal("1", summary["stage-active"]);
        Assert.Equal("1", summary["stage-paused"]);
        Assert.Equal(Text(Scene.DistrictCommunes.Count * DashboardScene.HelpPointsPerCommune), summary["helpPoints"]);
        Assert.Equal(Text(DashboardScene.CitizensGuided), summary["citizensGuided"]);
        Assert.Equal(Text(DashboardScene.CheckIns), summary["checkIns"]);
        Assert.Equal(Text(DashboardScene.WalkIns), summary["walkIns"]);
        Assert.Equal(Text(DashboardScene.NoShows), summary["noShows"]);
        Assert.Equal(Text(stats.GetProperty("bookings").GetInt32()), summary["bookings"]);
        Assert.Equal(Text(DashboardScene.RequestsFiledOnline), summary["requestsFiledOnline"]);
        // The one request opened after guidance was filed online: a share of 1, which the card shows as 100%.
        Assert.Equal("1", summary["onlineShareAfterGuidance"]);
    }

    [Fact]
    public void A_range_typed_as_dd_MM_yyyy_is_asked_of_the_API_and_narrows_the_charts_to_it()
    {
        SignInAsAdmin(Viewport.Desktop);

        Page.AskForRange(Scene.WeekStart, Scene.Day);
        Page.WaitForFigures($"{DashboardBrowser.Display(Scene.WeekStart)} đến {DashboardBrowser.Display(Scene.Day)}");

        var week = DashboardBrowser.Display(Scene.WeekStart);
        Assert.Equal(
            [new DrawnMark(week, "citizensGuided", Text(DashboardScene.CitizensGuided)), new DrawnMark(week, "requestsFiledOnline", "1")],
            Page.Marks("chart-weekly"));
        Assert.Equal(week, Page.Value("from"));
    }

    [Fact]
    public void The_filter_keeps_the_communes_that_match_with_or_without_diacritics()
    {
        SignInAsAdmin(Viewport.Desktop);

        Page.Filter("dai thanh");
        var byName = Page.ShownCommunes();
        Page.Filter("thi diem");
        var byStage = Page.ShownCommunes();
        Page.Filter("");
        var all = Page.ShownCommunes();

        Assert.Contains(DashboardScene.ModelCommune, byName);
        Assert.True(byName.Count < 10, $"'dai thanh' kept {byName.Count} communes");
        Assert.Equal([DashboardScene.PilotingCommune], byStage);
        Assert.Equal(Page.Rows().Count, all.Count);
    }

    [Fact]
    public void The_CSV_buttons_download_the_rollout_table_and_the_province_stats_under_the_APIs_names()
    {
        SignInAsAdmin(Viewport.Desktop);
        var folder = Page.AllowDownloads(Path.Combine(AppContext.BaseDirectory, "TestResults", "downloads"));
        var from = DateOnly.ParseExact(Page.Value("from"), "dd/MM/yyyy", CultureInfo.InvariantCulture);

        Page.Click("download-rollout");
        var rollout = Csv(Page.WaitForDownload(folder, $"rollout-{GatewayTest.DateText(Scene.Day)}.csv"));
        Page.Click("download-stats");
        var stats = Csv(Page.WaitForDownload(folder, $"stats-province-{GatewayTest.DateText(from)}-{GatewayTest.DateText(Scene.Day)}.csv"));

        var model = Assert.Single(rollout, row => row["code"] == DashboardScene.ModelCommune);
        Assert.Equal("active", model["stage"]);
        Assert.Equal(Text(DashboardScene.HelpPointsPerCommune), model["helpPointCount"]);
        Assert.Equal(Page.Rows().Count, rollout.Count);
        var guided = Assert.Single(stats, row => row["code"] == DashboardScene.ModelCommune);
        Assert.Equal(Text(DashboardScene.CitizensGuided), guided["citizensGuided"]);
        Assert.Equal(Scene.DistrictCommunes.Count, stats.Count);
    }

    [Fact]
    public void A_wrong_key_shows_the_401_message_no_figures_and_is_not_kept()
    {
        Page.Open(Viewport.Desktop);

        Page.SignIn("pp_not-a-key-of-this-province");
        var message = Page.WaitForError();

        Assert.Contains("401", message, StringComparison.Ordinal);
        Assert.Contains("Khóa API không đúng", message, StringComparison.Ordinal);
        AssertNoFigures();
    }

    [Fact]
    public void A_commune_portal_key_shows_the_403_message_and_no_figures()
    {
        Page.Open(Viewport.Desktop);

        Page.SignIn(TestClients.Portal.Key);
        var message = Page.WaitForError();

        Assert.Contains("403", message, StringComparison.Ordinal);
        Assert.Contains("không được xem số liệu toàn tỉnh", message, StringComparison.Ordinal);
        AssertNoFigures();
    }

    [Fact]
    public void The_key_is_kept_in_the_tab_only_never_in_the_address_and_forgetting_it_clears_the_figures()
    {
        SignInAsAdmin(Viewport.Desktop);

        Assert.Contains(TestClients.Admin.Key, Page.SessionStorage(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Admin.Key, Page.Driver.Url, StringComparison.Ordinal);
        Assert.Empty(Page.Driver.Manage().Cookies.AllCookies);
        Page.ForgetKey();

        AssertNoFigures();
    }

    [Fact]
    public void On_a_desktop_the_panels_sit_two_abreast_and_the_page_runs_under_its_CSP_without_an_error()
    {
        SignInAsAdmin(Viewport.Desktop);
        Page.Filter("dai loc");

        Assert.Equal(2, Page.PanelLefts().Distinct().Count());
        Assert.False(Page.ScrollsSideways(), "The page scrolls sideways on a desktop.");
        Assert.Empty(Page.ConsoleErrors());
        SaveScreenshot(Viewport.Desktop);
    }

    [Fact]
    public void On_a_phone_the_panels_stack_in_one_column_and_show_the_same_figures()
    {
        SignInAsAdmin(Viewport.Phone);
        Page.Filter("dai loc");

        Assert.Single(Page.PanelLefts().Distinct());
        Assert.False(Page.ScrollsSideways(), "The page scrolls sideways on a phone.");
        Assert.Contains(new DrawnMark(Scene.DistrictName, "active", "1"), Page.Marks("chart-rollout"));
        Assert.Contains(new DrawnMark(DashboardBrowser.Display(Scene.WeekStart), "citizensGuided", Text(DashboardScene.CitizensGuided)), Page.Marks("chart-weekly"));
        Assert.Equal(Scene.DistrictCommunes.Count, Page.ShownCommunes().Count);
        Assert.Empty(Page.ConsoleErrors());
        SaveScreenshot(Viewport.Phone);
    }

    private void SignInAsAdmin(Viewport viewport)
    {
        Page.Open(viewport);
        Page.SignIn(TestClients.Admin.Key);
        Page.WaitUntilDrawn();
    }

    /// <summary>After a refusal or a sign-out: the key form is back, the tab keeps no key, and no figure is left.</summary>
    private void AssertNoFigures()
    {
        Assert.True(Page.KeyFormShown, "The key form is not shown.");
        Assert.Equal("[]", Page.SessionStorage());
        Assert.Empty(Page.Rows());
        Assert.Empty(Page.Summary());
        Assert.All(DashboardBrowser.Charts, chart => Assert.Empty(Page.Marks(chart)));
    }

    /// <summary>Saves the whole page to TestResults/dashboard-{viewport}.png under the tests' output folder.</summary>
    private void SaveScreenshot(Viewport viewport)
    {
        var path = Page.SaveScreenshot(Path.Combine(AppContext.BaseDirectory, "TestResults", $"dashboard-{viewport.Name}.png"));
        var png = File.ReadAllBytes(path);
        Assert.True(png.Length > 1000 && Encoding.ASCII.GetString(png, 1, 3) == "PNG", $"{path} is not a PNG.");
        output.WriteLine($"Screenshot ({viewport.Name}, {viewport.Width}×{viewport.Height}): {path}");
    }

    private async Task<JsonElement> ReadAsync(string uri) => await HttpJson.ReadAsync(await dashboard.Http.GetAsync(uri), HttpStatusCode.OK);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rows of a downloaded CSV, each by its header's names.</summary>
    private static List<Dictionary<string, string>> Csv(string text)
    {
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? throw new Xunit.Sdk.XunitException("The CSV has no header row.");
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(name => name, name => csv.GetField(name) ?? "", StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>Marks by label, then series: the order the page draws them in is not the point.</summary>
    private sealed class MarkOrder : IComparer<DrawnMark>
    {
        public static MarkOrder Instance { get; } = new();

        public int Compare(DrawnMark? x, DrawnMark? y) =>
            StringComparer.Ordinal.Compare(x?.Label, y?.Label) is var byLabel and not 0 ? byLabel : StringComparer.Ordinal.Compare(x?.Series, y?.Series);
    }
}
