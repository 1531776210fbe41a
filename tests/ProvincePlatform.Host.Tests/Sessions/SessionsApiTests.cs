using System.Globalization;
using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Sessions;

[Collection(GatewayCollection.Name)]
public sealed class SessionsApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Sessions_have_local_start_ids_offset_instants_and_the_computers_as_capacity()
    {
        var id = await OpenHelpPointAsync(4, Bodies.Period("07:30", "09:30", slotMinutes: 60), Bodies.Period("19:00", "20:00"));
        var day = Today.AddDays(1);

        var sessions = await GetSessionsAsync(id, day, day.AddDays(1));

        Assert.Equal(
            [SessionId(day, "07:30"), SessionId(day, "08:30"), SessionId(day, "19:00"),
             SessionId(day.AddDays(1), "07:30"), SessionId(day.AddDays(1), "08:30"), SessionId(day.AddDays(1), "19:00")],
            sessions.Select(session => session.Text("id")));
        var evening = sessions[2];
        Assert.Equal($"{DateText(day)}T19:00:00+07:00", evening.Text("start"));
        Assert.Equal($"{DateText(day)}T20:00:00+07:00", evening.Text("end"));
        Assert.All(sessions, session =>
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", session.Text("id"));
            Assert.EndsWith("+07:00", session.Text("start"), StringComparison.Ordinal);
            Assert.EndsWith("+07:00", session.Text("end"), StringComparison.Ordinal);
            Assert.Equal(4, session.GetProperty("capacity").GetInt32());
            Assert.Equal(0, session.GetProperty("confirmed").GetInt32());
            Assert.Equal(0, session.GetProperty("waitlisted").GetInt32());
            Assert.Equal("open", session.Text("status"));
        });
    }

    [Fact]
    public async Task Sessions_are_only_on_the_days_of_the_opening_hours()
    {
        var id = await OpenHelpPointAsync(2, Bodies.Period("19:00", "20:00", days: ["sat", "sun"]));

        var sessions = await GetSessionsAsync(id, Today.AddDays(1), Today.AddDays(14));

        Assert.Equal(4, sessions.Length);
        Assert.All(sessions, session => Assert.Contains(
            DateOnly.ParseExact(session.Text("id")[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek,
            new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
    }

    [Fact]
    public async Task Sessions_count_confirmed_and_waitlisted_bookings()
    {
        var id = await OpenHelpPointAsync(2);
        var day = Today.AddDays(1);
        await BookNewCitizenAsync(id, SessionId(day));

        var session = await GetSessionAsync(id, day);
        Assert.Equal(1, session.GetProperty("confirmed").GetInt32());
        Assert.Equal("open", session.Text("status"));

        await BookNewCitizenAsync(id, SessionId(day));
        await BookNewCitizenAsync(id, SessionId(day), "waitlisted");

        session = await GetSessionAsync(id, day);
        Assert.Equal(2, session.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, session.GetProperty("waitlisted").GetInt32());
        Assert.Equal("full", session.Text("status"));
    }

    [Fact]
    public async Task Session_statuses_are_past_full_closed_and_open()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(1, Bodies.Period("07:00", "07:30"), Bodies.Period("19:00", "20:00"));
        await BookNewCitizenAsync(id, SessionId(day));
        await HttpJson.ReadAsync(await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(day.AddDays(1))), HttpStatusCode.Created);

        var statuses = (await GetSessionsAsync(id, day, day.AddDays(2)))
            .ToDictionary(session => session.Text("id"), session => session.Text("status"));

        Assert.Equal("past", statuses[SessionId(day, "07:00")]);
        Assert.Equal("full", statuses[SessionId(day)]);
        Assert.Equal("closed", statuses[SessionId(day.AddDays(1), "07:00")]);
        Assert.Equal("closed", statuses[SessionId(day.AddDays(1))]);
        Assert.Equal("open", statuses[SessionId(day.AddDays(2), "07:00")]);
        Assert.Equal("open", statuses[SessionId(day.AddDays(2))]);
    }

    [Fact]
    public async Task A_session_stops_being_bookable_when_it_starts_and_becomes_past_once_it_has_ended()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        await AssertSessionAsync(id, day, "open", bookable: true);

        Gateway.SetLocalTime(new TimeOnly(18, 59));
        await AssertSessionAsync(id, day, "open", bookable: true);

        // Under way: still open for walk-ins, no longer for bookings.
        Gateway.SetLocalTime(new TimeOnly(19, 0));
        await AssertSessionAsync(id, day, "open", bookable: false);
        Gateway.SetLocalTime(new TimeOnly(19, 59));
        await AssertSessionAsync(id, day, "open", bookable: false);

        Gateway.SetLocalTime(new TimeOnly(20, 0));
        await AssertSessionAsync(id, day, "past", bookable: false);
        await AssertSessionAsync(id, day.AddDays(1), "open", bookable: true);
    }

    [Fact]
    public async Task Full_sessions_are_bookable_onto_the_waitlist_and_closed_or_distant_ones_are_not()
    {
        var id = await OpenHelpPointAsync(1);
        await BookNewCitizenAsync(id, SessionId(Today.AddDays(1)));
        await HttpJson.ReadAsync(await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(Today.AddDays(2))), HttpStatusCode.Created);

        await AssertSessionAsync(id, Today.AddDays(1), "full", bookable: true);
        await AssertSessionAsync(id, Today.AddDays(2), "closed", bookable: false);
        await AssertSessionAsync(id, Today.AddDays(91), "open", bookable: false);
    }

    [Fact]
    public async Task Without_dates_the_listing_covers_the_next_seven_days()
    {
        var id = await OpenHelpPointAsync(2);

        var sessions = (await GetJsonAsync($"/api/v1/help-points/{id}/sessions")).EnumerateArray().ToList();

        Assert.Equal(
            Enumerable.Range(0, 7).Select(offset => SessionId(Today.AddDays(offset))),
            sessions.Select(session => session.Text("id")));
    }

    [Theory]
    [InlineData("2026/12/01", null, "from")]
    [InlineData("01-12-2026", null, "from")]
    [InlineData("2026-12-1", null, "from")]
    [InlineData("2026-12-01T00:00", null, "from")]
    [InlineData("0001-01-01", null, "from")]
    [InlineData("9999-12-31", null, "from")]
    [InlineData("+0", "tomorrow", "to")]
    [InlineData("+0", "+62", "to")]
    [InlineData("+5", "+1", "to")]
    [InlineData("+0", "0001-01-01", "to")]
    public async Task Listing_sessions_with_dates_out_of_range_is_400_naming_the_date(string from, string? to, string field)
    {
        var id = await OpenHelpPointAsync(2);
        var query = $"from={Uri.EscapeDataString(Relative(from))}" + (to is null ? string.Empty : $"&to={Uri.EscapeDataString(Relative(to))}");

        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"/api/v1/help-points/{id}/sessions?{query}"), field);
    }

    [Fact]
    public async Task Listing_sessions_of_exactly_62_days_is_200()
    {
        var id = await OpenHelpPointAsync(2);

        var sessions = await GetSessionsAsync(id, Today, Today.AddDays(61));

        Assert.Equal(62, sessions.Length);
    }

    [Theory]
    [InlineData("20527-999999")]
    [InlineData("nope")]
    public async Task Listing_sessions_of_an_unknown_help_point_is_404(string id)
    {
        await HttpJson.ReadProblemAsync(
            await Http.GetAsync($"/api/v1/help-points/{id}/sessions"), HttpStatusCode.NotFound, "help-point-not-found");
    }

    private async Task AssertSessionAsync(string helpPointId, DateOnly day, string status, bool bookable)
    {
        var session = await GetSessionAsync(helpPointId, day);
        Assert.Equal(status, session.Text("status"));
        Assert.Equal(bookable, session.GetProperty("bookable").GetBoolean());
    }

    /// <summary>"+n" is n days from today; anything else is sent as written.</summary>
    private string Relative(string date) =>
        date.StartsWith('+') ? DateText(Today.AddDays(int.Parse(date[1..], CultureInfo.InvariantCulture))) : date;
}
