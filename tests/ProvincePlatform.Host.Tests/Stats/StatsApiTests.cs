using System.Globalization;
using System.Net;
using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Stats;

/// <summary>
/// A commune's and the province's stats over HTTP, against a small scripted day whose every figure is known. The
/// communes are in Huyện Bắc Trà My (515), where no other test opens help points, so that the district's figures are
/// these tests' own; each test plays its day in a commune of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StatsApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string BacTraMy = "515";

    /// <summary>Computers of the scripted day's help point: two ended sessions of it offer eight seats.</summary>
    private const int Computers = 4;

    private static readonly string[] s_statuses =
        ["draft", "submitting", "submitted", "processing", "supplementRequested", "completed", "rejected", "failed"];

    /// <summary>The figures every stats body carries, besides the two breakdowns.</summary>
    private static readonly string[] s_figures =
    [
        "citizensGuided", "bookings", "checkIns", "noShows", "walkIns", "cancellations", "seatsOffered", "seatsUsed", "utilisation",
        "requests", "requestsFiledOnline", "guidedRequests", "guidedRequestsFiledOnline", "onlineShareAfterGuidance",
    ];

    /// <summary>The figures that add up across communes, districts and weeks (citizens and ratios do not).</summary>
    private static readonly string[] s_additive =
    [
        "bookings", "checkIns", "noShows", "walkIns", "cancellations", "seatsOffered", "seatsUsed", "requests", "requestsFiledOnline",
        "guidedRequests", "guidedRequestsFiledOnline",
    ];

    /// <summary>A query and the field its 400 must name.</summary>
    public static TheoryData<string, string> InvalidRanges => new()
    {
        { "from=2026-13-01", "from" },
        { "from=01%2F12%2F2026", "from" },
        { "to=tomorrow", "to" },
        { "to=2026-12-1", "to" },
        { "from=2026-12-10&to=2026-12-01", "to" },
        { "from=2026-01-01&to=2027-01-02", "to" },
        { "from=2025-01-01", "to" },
        { "to=0001-01-01", "to" },
        { "from=0001-01-01&to=0001-01-01", "from" },
        { "from=9999-12-31&to=9999-12-31", "from" },
        { "to=9999-12-31", "to" },
    };

    [Fact]
    public async Task A_communes_stats_count_what_its_help_point_and_requests_did_in_the_range()
    {
        var day = await PlayDayAsync("20899");

        var stats = await GetJsonAsync(StatsUri(day.CommuneCode, day.Range));

        Assert.Equal(day.CommuneCode, stats.Text("communeCode"));
        Assert.Equal(DateText(day.FirstDay), stats.Text("from"));
        Assert.Equal(DateText(day.SessionDay), stats.Text("to"));
        Assert.Equal(3, Figure(stats, "citizensGuided"));
        Assert.Equal(4, Figure(stats, "bookings"));
        Assert.Equal(2, Figure(stats, "checkIns"));
        Assert.Equal(1, Figure(stats, "noShows"));
        Assert.Equal(1, Figure(stats, "walkIns"));
        Assert.Equal(1, Figure(stats, "cancellations"));
        Assert.Equal(2 * Computers, Figure(stats, "seatsOffered"));
        Assert.Equal(3, Figure(stats, "seatsUsed"));
        Assert.Equal(0.375, stats.GetProperty("utilisation").GetDouble());
        Assert.Equal(2, Figure(stats, "requests"));
        Assert.Equal(
            s_statuses.ToDictionary(status => status, status => status is "draft" or "submitted" ? 1 : 0),
            Counts(stats, "requestsByStatus"));
        var services = (await GetJsonAsync("/api/v1/services")).EnumerateArray().Select(service => service.Text("code")).ToList();
        Assert.Equal(
            services.ToDictionary(service => service, service => service == Bodies.ServiceCode ? 2 : 0),
            Counts(stats, "requestsByService"));
        Assert.Equal(1, Figure(stats, "requestsFiledOnline"));
        Assert.Equal(1, Figure(stats, "guidedRequests"));
        Assert.Equal(1, Figure(stats, "guidedRequestsFiledOnline"));
        Assert.Equal(1.0, stats.GetProperty("onlineShareAfterGuidance").GetDouble());

        var helpPoint = Assert.Single(stats.GetProperty("helpPoints").EnumerateArray());
        Assert.Equal(day.HelpPointId, helpPoint.Text("id"));
        Assert.Equal("Nhà văn hóa thôn Thử Nghiệm", helpPoint.Text("name"));
        Assert.Equal("villageHouse", helpPoint.Text("kind"));
        Assert.Equal(2 * Computers, Figure(helpPoint, "seatsOffered"));
        Assert.Equal(3, Figure(helpPoint, "seatsUsed"));
        Assert.Equal(0.375, helpPoint.GetProperty("utilisation").GetDouble());
    }

    [Fact]
    public async Task A_communes_stats_agree_with_its_help_points_own_figures()
    {
        var day = await PlayDayAsync("20900");

        var stats = await GetJsonAsync(StatsUri(day.CommuneCode, day.Range));
        var figures = (await GetJsonAsync($"/api/v1/help-points/{day.HelpPointId}")).GetProperty("figures");

        foreach (var figure in new[] { "bookings", "checkIns", "walkIns", "noShows", "cancellations" })
        {
            Assert.Equal(Figure(figures, figure), Figure(stats, figure));
        }
    }

    [Fact]
    public async Task A_communes_requests_by_status_agree_with_the_request_listing_of_the_same_range()
    {
        var day = await PlayDayAsync("20902");
        var range = $"from={DateText(day.FirstDay)}&to={DateText(day.SessionDay)}";

        var stats = await GetJsonAsync(StatsUri(day.CommuneCode, day.Range));

        foreach (var status in s_statuses)
        {
            var listed = await GetJsonAsync($"{RequestsOf(day.CommuneCode)}?status={status}&{range}");
            Assert.True(
                listed.GetProperty("total").GetInt32() == Counts(stats, "requestsByStatus")[status],
                $"{status}: the listing has {listed.GetProperty("total").GetInt32()}, the stats {Counts(stats, "requestsByStatus")[status]}");
        }

        Assert.Equal((await GetJsonAsync($"{RequestsOf(day.CommuneCode)}?{range}")).GetProperty("total").GetInt32(), Figure(stats, "requests"));
    }

    [Fact]
    public async Task The_first_request_a_commune_records_is_counted_once()
    {
        // Xã Trà Giáp: no test opens, lists or counts anything there first, so this request is the first its register hears of.
        const string communeCode = "20929";
        var today = Gateway.Today;
        await OpenDraftAsync(communeCode: communeCode);

        var stats = await GetJsonAsync(StatsUri(communeCode, (today, today)));

        Assert.Equal(1, Figure(stats, "requests"));
        Assert.Equal(1, Counts(stats, "requestsByStatus")["draft"]);
        Assert.Equal(1, (await GetJsonAsync(RequestsOf(communeCode))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_weeks_run_Monday_to_Sunday_clipped_to_the_range_and_add_up_to_the_totals()
    {
        var day = await PlayDayAsync("20905");
        var from = day.FirstDay.AddDays(-10);
        var to = day.SessionDay.AddDays(9);

        var stats = await GetJsonAsync(StatsUri(day.CommuneCode, (from, to)));

        var weeks = stats.GetProperty("weeks").EnumerateArray().ToList();
        AssertWeeksCover(weeks, from, to);
        foreach (var figure in new[] { "bookings", "checkIns", "noShows", "walkIns", "requests", "requestsFiledOnline" })
        {
            Assert.Equal(Figure(stats, figure), weeks.Sum(week => Figure(week, figure)));
        }

        var sessionWeek = Assert.Single(weeks, week => Date(week, "from") <= day.SessionDay && day.SessionDay <= Date(week, "to"));
        Assert.Equal(3, Figure(sessionWeek, "citizensGuided"));
        Assert.Equal(4, Figure(sessionWeek, "bookings"));
    }

    [Fact]
    public async Task Without_from_and_to_the_stats_cover_the_84_days_ending_today()
    {
        var today = Gateway.Today;

        var stats = await GetJsonAsync($"/api/v1/communes/20908/stats");

        Assert.Equal(DateText(today.AddDays(-83)), stats.Text("from"));
        Assert.Equal(DateText(today), stats.Text("to"));
        AssertWeeksCover([.. stats.GetProperty("weeks").EnumerateArray()], today.AddDays(-83), today);
        var onlyTo = await GetJsonAsync($"/api/v1/communes/20908/stats?to={DateText(today.AddDays(-7))}");
        Assert.Equal(DateText(today.AddDays(-90)), onlyTo.Text("from"));
    }

    [Fact]
    public async Task A_range_of_366_days_is_accepted()
    {
        var to = Gateway.Today;

        var stats = await GetJsonAsync(StatsUri("20908", (to.AddDays(-365), to)));

        Assert.Equal(DateText(to.AddDays(-365)), stats.Text("from"));
    }

    [Fact]
    public async Task A_commune_without_help_points_or_requests_has_zero_figures_every_status_and_service_and_no_ratios()
    {
        var stats = await GetJsonAsync("/api/v1/communes/20917/stats");

        Assert.All(s_additive.Append("citizensGuided"), figure => Assert.Equal(0, Figure(stats, figure)));
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("utilisation").ValueKind);
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("onlineShareAfterGuidance").ValueKind);
        Assert.Equal(s_statuses, Counts(stats, "requestsByStatus").Keys);
        Assert.All(Counts(stats, "requestsByStatus").Values, count => Assert.Equal(0, count));
        Assert.NotEmpty(Counts(stats, "requestsByService"));
        Assert.Empty(stats.GetProperty("helpPoints").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(InvalidRanges))]
    public async Task A_malformed_or_too_long_range_is_400_naming_the_field(string query, string field)
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"/api/v1/communes/20899/stats?{query}"), field);
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"/api/v1/province/stats?{query}"), field);
    }

    [Fact]
    public async Task The_stats_of_an_unknown_commune_are_404()
    {
        await HttpJson.ReadProblemAsync(await Http.GetAsync("/api/v1/communes/99999/stats"), HttpStatusCode.NotFound, "commune-not-found");
    }

    // ---- The province ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_province_stats_list_a_commune_with_its_own_figures_within_its_district_and_the_totals()
    {
        var day = await PlayDayAsync("20911");

        var province = await GetJsonAsync($"/api/v1/province/stats?from={DateText(day.FirstDay)}&to={DateText(day.SessionDay)}");
        var commune = await GetJsonAsync(StatsUri(day.CommuneCode, day.Range));

        Assert.Equal(DateText(day.FirstDay), province.Text("from"));
        Assert.Equal(DateText(day.SessionDay), province.Text("to"));
        var communes = province.GetProperty("communes").EnumerateArray().ToList();
        var line = Assert.Single(communes, line => line.Text("code") == day.CommuneCode);
        Assert.Equal("Xã Trà Dương", line.Text("name"));
        Assert.Equal(BacTraMy, line.Text("districtCode"));
        Assert.Equal("Huyện Bắc Trà My", line.Text("districtName"));
        AssertSameFigures(commune, line);

        var district = Assert.Single(province.GetProperty("districts").EnumerateArray(), district => district.Text("code") == BacTraMy);
        Assert.Equal("Huyện Bắc Trà My", district.Text("name"));
        Assert.All(s_additive, figure => Assert.Equal(
            communes.Where(line => line.Text("districtCode") == BacTraMy).Sum(line => Figure(line, figure)), Figure(district, figure)));
        Assert.All(s_additive, figure => Assert.Equal(communes.Sum(line => Figure(line, figure)), Figure(province, figure)));
        Assert.All(s_additive, figure => Assert.Equal(
            province.GetProperty("districts").EnumerateArray().Sum(district => Figure(district, figure)), Figure(province, figure)));
        Assert.Equal(s_statuses, Counts(province, "requestsByStatus").Keys);

        // Communes in register order, each with help points; a commune without any has nothing to show.
        var order = Registers.QuangNam.Select(commune => commune.Code).ToList();
        Assert.Equal(communes.Select(line => line.Text("code")).OrderBy(order.IndexOf), communes.Select(line => line.Text("code")));
        var helpPoints = (await GetJsonAsync("/api/v1/communes")).EnumerateArray()
            .ToDictionary(commune => commune.Text("code"), commune => commune.GetProperty("helpPointCount").GetInt32());
        Assert.All(communes, line => Assert.True(helpPoints[line.Text("code")] > 0, $"{line.Text("code")} has no help point"));
        Assert.DoesNotContain(communes, line => line.Text("code") == "20917");
    }

    [Fact]
    public async Task The_province_stats_of_a_district_list_its_communes_only_and_count_a_citizen_guided_in_two_of_them_once()
    {
        var citizen = TestCitizens.NewIdNumber();
        var first = await PlayDayAsync("20914", walkInIdNumber: citizen);
        var second = await PlayDayAsync("20920", walkInIdNumber: citizen);

        var stats = await GetJsonAsync($"/api/v1/province/stats?from={DateText(first.FirstDay)}&to={DateText(second.SessionDay)}&district={BacTraMy}");

        var communes = stats.GetProperty("communes").EnumerateArray().ToList();
        Assert.All(communes, line => Assert.Equal(BacTraMy, line.Text("districtCode")));
        Assert.Contains(communes, line => line.Text("code") == first.CommuneCode);
        Assert.Contains(communes, line => line.Text("code") == second.CommuneCode);
        var district = Assert.Single(stats.GetProperty("districts").EnumerateArray());
        Assert.Equal(BacTraMy, district.Text("code"));
        AssertSameFigures(stats, district);
        Assert.Equal(communes.Sum(line => Figure(line, "citizensGuided")) - 1, Figure(stats, "citizensGuided"));
    }

    [Fact]
    public async Task The_province_stats_of_an_unknown_district_are_400_naming_district()
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync("/api/v1/province/stats?district=999"), "district");
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync("/api/v1/province/stats?district=20527"), "district");
    }

    // ---- CSV -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_communes_stats_as_CSV_have_a_header_and_one_row_per_week()
    {
        var day = await PlayDayAsync("20923");
        var range = (From: day.FirstDay.AddDays(-14), To: day.SessionDay);
        var json = await GetJsonAsync(StatsUri(day.CommuneCode, range));

        var csv = await CsvDownload.GetAsync(Http, StatsUri(day.CommuneCode, range));

        string[] columns = ["weekStart", "from", "to", "citizensGuided", "bookings", "checkIns", "noShows", "walkIns", "requests", "requestsFiledOnline"];
        Assert.Equal(columns, csv.Header);
        var weeks = json.GetProperty("weeks").EnumerateArray().ToList();
        Assert.InRange(weeks.Count, 3, 4);
        Assert.Equal(weeks.Count, csv.Rows.Count);
        foreach (var (row, week) in csv.Records.Zip(weeks))
        {
            Assert.All(columns, column => Assert.Equal(Cell(week, column), row[column]));
        }
    }

    [Fact]
    public async Task The_province_stats_as_CSV_have_a_header_and_one_row_per_commune_of_the_province_or_the_district()
    {
        var day = await PlayDayAsync("20926");
        var query = $"from={DateText(day.FirstDay)}&to={DateText(day.SessionDay)}";
        var json = await GetJsonAsync($"/api/v1/province/stats?{query}");

        var csv = await CsvDownload.GetAsync(Http, $"/api/v1/province/stats?{query}");

        Assert.Equal(["code", "name", "districtCode", "districtName", .. s_figures], csv.Header);
        var lines = json.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(lines.Select(line => line.Text("code")), csv.Records.Select(row => row["code"]));
        string[] names = ["code", "name", "districtCode", "districtName"];
        foreach (var (row, line) in csv.Records.Zip(lines))
        {
            Assert.All(names, column => Assert.Equal(Cell(line, column), row[column]));
        }

        // The figures of other tests' communes may move between the two reads, as their help points report on real
        // time; those of the played commune were reported in full before either.
        var played = Assert.Single(csv.Records, row => row["code"] == day.CommuneCode);
        var playedLine = Assert.Single(lines, line => line.Text("code") == day.CommuneCode);
        Assert.All(csv.Header, column => Assert.Equal(Cell(playedLine, column), played[column]));
        Assert.Equal("Xã Trà Giác", played["name"]);
        Assert.Equal("Huyện Bắc Trà My", played["districtName"]);
        Assert.Equal("0.375", played["utilisation"]);
        Assert.Equal("3", played["citizensGuided"]);
        var district = await CsvDownload.GetAsync(Http, $"/api/v1/province/stats?{query}&district={BacTraMy}");
        Assert.All(district.Records, row => Assert.Equal(BacTraMy, row["districtCode"]));
        Assert.Contains(district.Records, row => row["code"] == day.CommuneCode);
    }

    // ---- The scripted day ---------------------------------------------------------------------------------------

    /// <summary>What <see cref="PlayDayAsync"/> did, and the range from its first morning to the day of its session.</summary>
    private sealed record PlayedDay(string CommuneCode, string HelpPointId, DateOnly FirstDay, DateOnly SessionDay)
    {
        public (DateOnly From, DateOnly To) Range => (FirstDay, SessionDay);
    }

    /// <summary>
    /// On a morning of its own, opens a help point of <see cref="Computers"/> computers (every evening 19:00–20:00)
    /// and books four citizens into tomorrow's session, one of whom cancels, and opens a draft request without a
    /// booking. The next day two booked citizens check in, a citizen walks in at 19:05, and after the session the
    /// first booked citizen's request, opened for the booking, is filed with the portal. The third booked citizen
    /// never came: the help point's housekeeping, played last, records the no-show and reports to the stats.
    /// Over the two days: 3 citizens guided, 4 bookings, 2 check-ins, 1 walk-in, 1 no-show, 1 cancellation, 8 seats
    /// offered (two ended sessions) and 3 used; 2 requests (a draft, and a guided one submitted).
    /// </summary>
    private async Task<PlayedDay> PlayDayAsync(string communeCode, string? walkInIdNumber = null)
    {
        var firstDay = Gateway.NextMorning();
        var sessionDay = firstDay.AddDays(1);
        var session = SessionId(sessionDay);
        var helpPointId = await OpenHelpPointInAsync(communeCode, Bodies.HelpPoint(Computers));
        var citizens = Enumerable.Range(0, 4).Select(_ => TestCitizens.NewIdNumber()).ToList();
        var bookings = new List<string>();
        foreach (var citizen in citizens)
        {
            bookings.Add((await HttpJson.ReadAsync(await BookAsync(helpPointId, session, citizen), HttpStatusCode.Created)).Text("id"));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{bookings[3]}")).StatusCode);
        await OpenDraftAsync(communeCode: communeCode);

        Gateway.NextMorning();
        foreach (var booking in bookings[..2])
        {
            await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.OK);
        }

        Gateway.SetLocalTime(new TimeOnly(19, 5));
        await HttpJson.ReadAsync(await WalkInAsync(helpPointId, session, walkInIdNumber ?? TestCitizens.NewIdNumber()), HttpStatusCode.Created);
        Gateway.SetLocalTime(new TimeOnly(20, 5));
        var guided = await OpenDraftAsync(citizens[0], bookingId: bookings[0], communeCode: communeCode);
        await SubmitAcceptedAsync(guided);
        await DriveUntilAsync(guided, "submitted");

        await Gateway.ReportStatsAsync(helpPointId);
        return new PlayedDay(communeCode, helpPointId, firstDay, sessionDay);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private static string StatsUri(string communeCode, (DateOnly From, DateOnly To) range) =>
        $"/api/v1/communes/{communeCode}/stats?from={DateText(range.From)}&to={DateText(range.To)}";

    private static int Figure(JsonElement owner, string name) => owner.GetProperty(name).GetInt32();

    private static DateOnly Date(JsonElement owner, string name) => DateOnly.ParseExact(owner.Text(name), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, int> Counts(JsonElement owner, string name) =>
        owner.GetProperty(name).EnumerateObject().ToDictionary(pair => pair.Name, pair => pair.Value.GetInt32());

    /// <summary>A member as the CSV writes it: text as it is, numbers invariant, null as an empty cell.</summary>
    private static string Cell(JsonElement owner, string name) => owner.GetProperty(name) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Null } => string.Empty,
        var number => number.GetDouble().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Every figure and both breakdowns equal.</summary>
    private static void AssertSameFigures(JsonElement expected, JsonElement actual)
    {
        Assert.All(s_figures, figure => Assert.Equal(expected.GetProperty(figure).GetRawText(), actual.GetProperty(figure).GetRawText()));
        Assert.Equal(Counts(expected, "requestsByStatus"), Counts(actual, "requestsByStatus"));
        Assert.Equal(Counts(expected, "requestsByService"), Counts(actual, "requestsByService"));
    }

    /// <summary>Weeks from the Monday on or before <paramref name="from"/> to the week of <paramref name="to"/>, each clipped to the range.</summary>
    private static void AssertWeeksCover(List<JsonElement> weeks, DateOnly from, DateOnly to)
    {
        Assert.NotEmpty(weeks);
        var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7));
        for (var i = 0; i < weeks.Count; i++)
        {
            var weekStart = monday.AddDays(7 * i);
            Assert.Equal(DayOfWeek.Monday, Date(weeks[i], "weekStart").DayOfWeek);
            Assert.Equal(weekStart, Date(weeks[i], "weekStart"));
            Assert.Equal(weekStart < from ? from : weekStart, Date(weeks[i], "from"));
            Assert.Equal(weekStart.AddDays(6) > to ? to : weekStart.AddDays(6), Date(weeks[i], "to"));
        }

        Assert.Equal(to, Date(weeks[^1], "to"));
    }
}
