using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.HelpPoints;

[Collection(GatewayCollection.Name)]
public sealed class HelpPointsApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Opening_a_help_point_is_201_with_Location_and_id()
    {
        var response = await PostAsync($"/api/v1/communes/{CommuneCode}/help-points",
            Bodies.HelpPoint(4, Bodies.Period("07:30", "11:30", slotMinutes: 60, days: ["mon", "tue", "wed", "thu", "fri"])));

        var created = await HttpJson.ReadAsync(response, HttpStatusCode.Created);
        var id = created.Text("id");
        Assert.StartsWith(CommuneCode + "-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/help-points/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(CommuneCode, created.Text("communeCode"));
        Assert.Equal("villageHouse", created.Text("kind"));
        Assert.Equal(4, created.GetProperty("computers").GetInt32());
        var period = Assert.Single(created.GetProperty("openingHours").EnumerateArray());
        Assert.Equal(["mon", "tue", "wed", "thu", "fri"], period.GetProperty("days").EnumerateArray().Select(day => day.GetString()));
        Assert.Equal("07:30", period.Text("start"));
        Assert.Equal("11:30", period.Text("end"));
        Assert.Equal(60, period.GetProperty("slotMinutes").GetInt32());
    }

    [Fact]
    public async Task Getting_a_help_point_by_its_Location_returns_what_was_opened()
    {
        var response = await PostAsync($"/api/v1/communes/{CommuneCode}/help-points", Bodies.HelpPoint(5));
        await HttpJson.ReadAsync(response, HttpStatusCode.Created);

        var helpPoint = await GetJsonAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("Nhà văn hóa thôn Thử Nghiệm", helpPoint.Text("name"));
        Assert.Equal("Thôn 1, xã Đại Thạnh, huyện Đại Lộc, Quảng Nam", helpPoint.Text("address"));
        Assert.Equal(5, helpPoint.GetProperty("computers").GetInt32());
        Assert.Empty(helpPoint.GetProperty("closures").EnumerateArray());
        Assert.Equal(0, helpPoint.GetProperty("figures").GetProperty("bookings").GetInt32());
    }

    [Fact]
    public async Task Listing_a_communes_help_points_includes_the_ones_opened_there()
    {
        var first = await OpenHelpPointAsync(2);
        var second = await OpenHelpPointAsync(3);

        var listed = (await GetJsonAsync($"/api/v1/communes/{CommuneCode}/help-points")).EnumerateArray()
            .ToDictionary(helpPoint => helpPoint.Text("id"), helpPoint => helpPoint.GetProperty("computers").GetInt32());

        Assert.Equal(2, listed[first]);
        Assert.Equal(3, listed[second]);
        Assert.All(listed.Keys, id => Assert.StartsWith(CommuneCode + "-", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Updating_a_help_point_is_200_and_replaces_its_definition()
    {
        var id = await OpenHelpPointAsync(2);

        var updated = await HttpJson.ReadAsync(
            await PutAsync($"/api/v1/help-points/{id}", Bodies.HelpPoint(8, Bodies.Period("18:00", "21:00", slotMinutes: 90))),
            HttpStatusCode.OK);

        Assert.Equal(8, updated.GetProperty("computers").GetInt32());
        var helpPoint = await GetJsonAsync($"/api/v1/help-points/{id}");
        Assert.Equal(8, helpPoint.GetProperty("computers").GetInt32());
        Assert.Equal(
            [SessionId(Today.AddDays(1), "18:00"), SessionId(Today.AddDays(1), "19:30")],
            (await GetSessionsAsync(id, Today.AddDays(1), Today.AddDays(1))).Select(session => session.Text("id")));
    }

    [Fact]
    public async Task Lowering_computers_below_a_future_sessions_confirmed_bookings_is_409()
    {
        var id = await OpenHelpPointAsync(3);
        var session = SessionId(Today.AddDays(1));
        for (var i = 0; i < 3; i++)
        {
            await BookNewCitizenAsync(id, session);
        }

        var problem = await HttpJson.ReadProblemAsync(
            await PutAsync($"/api/v1/help-points/{id}", Bodies.HelpPoint(2)), HttpStatusCode.Conflict, "capacity-below-bookings");

        HttpJson.AssertNames(problem, "computers");
        Assert.Equal(3, (await GetJsonAsync($"/api/v1/help-points/{id}")).GetProperty("computers").GetInt32());
        await HttpJson.ReadAsync(await PutAsync($"/api/v1/help-points/{id}", Bodies.HelpPoint(3)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Raising_computers_confirms_waitlisted_bookings_of_future_sessions()
    {
        var id = await OpenHelpPointAsync(1);
        var session = SessionId(Today.AddDays(1));
        await BookNewCitizenAsync(id, session);
        var waitlisted = await BookNewCitizenAsync(id, session, "waitlisted");

        await HttpJson.ReadAsync(await PutAsync($"/api/v1/help-points/{id}", Bodies.HelpPoint(2)), HttpStatusCode.OK);

        Assert.Equal("confirmed", await StatusOfBookingAsync(waitlisted));
    }

    [Fact]
    public async Task Changing_hours_so_that_a_booked_session_disappears_is_409()
    {
        var id = await OpenHelpPointAsync(2);
        await BookNewCitizenAsync(id, SessionId(Today.AddDays(1)));

        var problem = await HttpJson.ReadProblemAsync(
            await PutAsync($"/api/v1/help-points/{id}", Bodies.HelpPoint(2, Bodies.Period("08:00", "09:00"))),
            HttpStatusCode.Conflict, "schedule-drops-booked-session");

        HttpJson.AssertNames(problem, "openingHours");
    }

    [Theory]
    [InlineData("20527-999999")]
    [InlineData("not-a-help-point")]
    public async Task Getting_or_updating_an_unknown_help_point_is_404(string id)
    {
        await HttpJson.ReadProblemAsync(await Http.GetAsync($"/api/v1/help-points/{id}"), HttpStatusCode.NotFound, "help-point-not-found");
        await HttpJson.ReadProblemAsync(
            await PutAsync($"/api/v1/help-points/{id}", Bodies.HelpPoint(2)), HttpStatusCode.NotFound, "help-point-not-found");
    }

    [Fact]
    public async Task Opening_or_listing_help_points_of_an_unknown_commune_is_404()
    {
        await HttpJson.ReadProblemAsync(
            await PostAsync("/api/v1/communes/99999/help-points", Bodies.HelpPoint(2)), HttpStatusCode.NotFound, "commune-not-found");
        await HttpJson.ReadProblemAsync(
            await Http.GetAsync("/api/v1/communes/99999/help-points"), HttpStatusCode.NotFound, "commune-not-found");
    }
}
