using System.Net;
using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Pages;

/// <summary>
/// What the dashboard's browser tests see, made through the API on a host of their own, on the fixture's first day
/// (a Tuesday): a province rollout of Huyện Đại Lộc from a template (a commune office and two village houses in each
/// of its communes), three of them moved on by hand, and one evening at a village house of Xã Đại Thạnh: three
/// citizens booked, two of them checked in, one walk-in, one no-show, and a request opened after guidance and filed
/// with the portal. Everything that runs on timers is played here instead, as the reminders would: the rollout's
/// pass and the help point's housekeeping (which settles the evening and reports it to the stats).
/// </summary>
/// <param name="DistrictName">The name of <see cref="District"/> as the register spells it.</param>
/// <param name="DistrictCommunes">The district's communes, code → name.</param>
/// <param name="StagesSetByHand">The communes moved on from <c>preparing</c> after the rollout, code → stage.</param>
/// <param name="Day">The day of the evening of guidance.</param>
/// <param name="WeekStart">The Monday of that day's week.</param>
public sealed record DashboardScene(
    string DistrictName,
    IReadOnlyDictionary<string, string> DistrictCommunes,
    IReadOnlyDictionary<string, string> StagesSetByHand,
    DateOnly Day,
    DateOnly WeekStart)
{
    /// <summary>Huyện Đại Lộc, the model's district.</summary>
    public const string District = "506";

    public const string ModelCommune = "20527";
    public const string PilotingCommune = "20503";
    public const string PausedCommune = "20506";

    /// <summary>The template's commune office and two village houses.</summary>
    public const int HelpPointsPerCommune = 3;

    public const int CitizensGuided = 3;
    public const int CheckIns = 2;
    public const int WalkIns = 1;
    public const int NoShows = 1;
    public const int RequestsFiledOnline = 1;

    public static async Task<DashboardScene> SeedAsync(GatewayFixture host)
    {
        var http = host.Http;
        var day = host.Today;
        var communes = (await ReadAsync(http, $"/api/v1/communes?district={District}")).EnumerateArray()
            .ToDictionary(commune => commune.Text("code"), commune => commune.Text("name"), StringComparer.Ordinal);
        var districtName = (await ReadAsync(http, $"/api/v1/communes/{ModelCommune}")).Text("districtName");

        await RollOutAsync(host);
        var stages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelCommune] = "active",
            [PilotingCommune] = "piloting",
            [PausedCommune] = "paused",
        };
        foreach (var (commune, stage) in stages)
        {
            await HttpJson.ReadAsync(
                await http.PutAsync($"/api/v1/communes/{commune}/rollout-stage", HttpJson.Content(new { stage, note = "Kiểm thử / Test" })),
                HttpStatusCode.OK);
        }

        await AnEveningOfGuidanceAsync(host, day);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new DashboardScene(districtName, communes, stages, day, monday);
    }

    /// <summary>Rolls the template out to the district and plays the operation's reminder once, which finishes it.</summary>
    private static async Task RollOutAsync(GatewayFixture host)
    {
        var template = new
        {
            communeOffice = new
            {
                computers = 3,
                openingHours = new[] { Bodies.Period("07:30", "11:30", days: ["mon", "tue", "wed", "thu", "fri"]) },
            },
            villageHouses = new { count = 2, computers = 6, openingHours = new[] { Bodies.Period("19:00", "20:00") } },
        };
        var started = await HttpJson.ReadAsync(
            await host.Http.PostAsync("/api/v1/province/rollout", HttpJson.Content(new { district = District, template })),
            HttpStatusCode.Accepted);
        var operationId = started.Text("operationId");

        // The operation's own first pass runs on a grain timer, in real time. The reminder's pass is played instead:
        // it takes its turn after the timer's, provisions whatever is still pending, and finishes the operation.
        await host.DriveRolloutAsync(operationId);
        var operation = await ReadAsync(host.Http, $"/api/v1/province/rollout/operations/{operationId}");
        Assert.True(operation.Text("status") == "completed", $"The rollout did not complete: {operation}");
        Assert.Equal(started.GetProperty("total").GetInt32(), operation.GetProperty("provisioned").GetInt32());
    }

    /// <summary>Tonight at the model commune's first village house: bookings, check-ins, a walk-in, a no-show and a request.</summary>
    private static async Task AnEveningOfGuidanceAsync(GatewayFixture host, DateOnly day)
    {
        var http = host.Http;
        var house = (await ReadAsync(http, $"/api/v1/communes/{ModelCommune}/help-points")).EnumerateArray()
            .First(helpPoint => helpPoint.Text("kind") == "villageHouse").Text("id");
        var session = GatewayTest.SessionId(day);

        var citizens = Enumerable.Range(0, CheckIns + NoShows).Select(_ => TestCitizens.NewIdNumber()).ToList();
        var booked = new List<string>();
        foreach (var citizen in citizens)
        {
            var placed = await HttpJson.ReadAsync(
                await http.PostAsync(GatewayTest.BookingsOf(house, session), HttpJson.Content(Bodies.Booking(citizen))), HttpStatusCode.Created);
            booked.Add(placed.Text("id"));
        }

        host.SetLocalTime(new TimeOnly(19, 10));
        foreach (var booking in booked.Take(CheckIns))
        {
            await HttpJson.ReadAsync(await http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.OK);
        }

        await HttpJson.ReadAsync(
            await http.PostAsync(GatewayTest.WalkInsOf(house, session), HttpJson.Content(Bodies.WalkIn(TestCitizens.NewIdNumber()))),
            HttpStatusCode.Created);

        // Once the session has ended, housekeeping settles it (the booking nobody came for is a no-show) and reports
        // the evening to the commune's stats at once, instead of after the help point's reporting delay.
        host.SetLocalTime(new TimeOnly(20, 30));
        await host.ReportStatsAsync(house);

        var request = await HttpJson.ReadAsync(
            await http.PostAsync(GatewayTest.RequestsOf(ModelCommune), HttpJson.Content(Bodies.Request(citizens[0], bookingId: booked[0]))),
            HttpStatusCode.Created);
        var requestId = request.Text("id");
        await HttpJson.ReadAsync(await http.PostAsync($"{GatewayTest.RequestUri(requestId)}/submit", null), HttpStatusCode.Accepted);
        // A queued filing is due at once: one play of the request's reminder files it with the in-process portal.
        await host.TickAsync(requestId);
        var filed = await ReadAsync(http, GatewayTest.RequestUri(requestId));
        Assert.True(filed.Text("status") == "submitted", $"The request was not filed: {filed}");
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, string uri) =>
        await HttpJson.ReadAsync(await http.GetAsync(uri), HttpStatusCode.OK);
}
