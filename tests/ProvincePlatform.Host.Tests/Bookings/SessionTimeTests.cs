using System.Globalization;
using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Bookings;

/// <summary>What the time of day decides: booking until the start, check-in on the day, walk-ins while the session runs.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionTimeTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Booking_a_session_that_has_started_is_409()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        Gateway.SetLocalTime(new TimeOnly(18, 59));
        await BookNewCitizenAsync(id, SessionId(day));

        Gateway.SetLocalTime(new TimeOnly(19, 0));

        await HttpJson.ReadProblemAsync(
            await BookAsync(id, SessionId(day), TestCitizens.NewIdNumber(), waitlist: true), HttpStatusCode.Conflict, "session-started");
        await HttpJson.ReadAsync(await BookAsync(id, SessionId(day.AddDays(1)), TestCitizens.NewIdNumber()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Cancelling_once_the_session_has_started_is_409()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        var booking = await BookNewCitizenAsync(id, SessionId(day));

        Gateway.SetLocalTime(new TimeOnly(19, 10));

        await HttpJson.ReadProblemAsync(await Http.DeleteAsync($"/api/v1/bookings/{booking}"), HttpStatusCode.Conflict, "session-started");
        Assert.Equal("confirmed", await StatusOfBookingAsync(booking));
    }

    [Fact]
    public async Task Checking_in_on_the_sessions_date_is_200_and_twice_is_harmless()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        var booking = await BookNewCitizenAsync(id, SessionId(day));
        Gateway.SetLocalTime(new TimeOnly(19, 5));

        var first = await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.OK);
        var second = await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.OK);

        Assert.Equal("checkedIn", first.Text("status"));
        Assert.Equal("checkedIn", second.Text("status"));
        Assert.Equal(booking, second.Text("id"));
        Assert.Equal("checkedIn", await StatusOfBookingAsync(booking));
        Assert.Equal(1, (await GetJsonAsync($"/api/v1/help-points/{id}")).GetProperty("figures").GetProperty("checkIns").GetInt32());
    }

    [Fact]
    public async Task Checking_in_on_another_day_is_409()
    {
        Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        var booking = await BookNewCitizenAsync(id, SessionId(Today.AddDays(1)));

        await HttpJson.ReadProblemAsync(
            await Http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.Conflict, "check-in-not-on-session-date");

        Gateway.NextMorning();
        var onTheDay = await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.OK);
        Assert.Equal("checkedIn", onTheDay.Text("status"));
    }

    [Fact]
    public async Task Checking_in_a_waitlisted_booking_is_409()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(1);
        await BookNewCitizenAsync(id, SessionId(day));
        var waitlisted = await BookNewCitizenAsync(id, SessionId(day), "waitlisted");

        await HttpJson.ReadProblemAsync(
            await Http.PostAsync($"/api/v1/bookings/{waitlisted}/check-in", null), HttpStatusCode.Conflict, "booking-not-active");
    }

    [Theory]
    [InlineData("19:00")]
    [InlineData("19:20")]
    [InlineData("19:59")]
    public async Task A_walk_in_during_the_session_is_201_checked_in(string localTime)
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        await BookNewCitizenAsync(id, SessionId(day));
        Gateway.SetLocalTime(TimeOnly.Parse(localTime, CultureInfo.InvariantCulture));

        var response = await WalkInAsync(id, SessionId(day), TestCitizens.NewIdNumber());

        var placed = await HttpJson.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal("checkedIn", placed.Text("status"));
        Assert.Equal($"/api/v1/bookings/{placed.Text("id")}", response.Headers.Location?.OriginalString);
        var booking = await GetBookingAsync(placed.Text("id"));
        Assert.True(booking.GetProperty("walkIn").GetBoolean());
        var session = await GetSessionAsync(id, day);
        Assert.Equal(2, session.GetProperty("confirmed").GetInt32());
        Assert.Equal("full", session.Text("status"));
    }

    [Fact]
    public async Task A_walk_in_with_no_free_seat_is_409()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(1);
        await BookNewCitizenAsync(id, SessionId(day));
        Gateway.SetLocalTime(new TimeOnly(19, 15));

        await HttpJson.ReadProblemAsync(
            await WalkInAsync(id, SessionId(day), TestCitizens.NewIdNumber()), HttpStatusCode.Conflict, "no-free-seat");
    }

    [Theory]
    [InlineData(0, "18:59")]
    [InlineData(0, "20:00")]
    [InlineData(0, "23:59")]
    [InlineData(-1, "19:30")]
    [InlineData(1, "19:30")]
    public async Task A_walk_in_outside_the_session_is_409(int sessionDaysAhead, string localTime)
    {
        // The clock stands at localTime on the day; the session is that day's, the day before's or the next day's.
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);
        Gateway.SetLocalTime(TimeOnly.Parse(localTime, CultureInfo.InvariantCulture));

        await HttpJson.ReadProblemAsync(
            await WalkInAsync(id, SessionId(day.AddDays(sessionDaysAhead)), TestCitizens.NewIdNumber()),
            HttpStatusCode.Conflict, "not-during-session");
    }

    [Fact]
    public async Task A_walk_in_into_a_session_not_in_the_schedule_is_404()
    {
        var day = Gateway.NextMorning();
        var id = await OpenHelpPointAsync(2);

        await HttpJson.ReadProblemAsync(
            await WalkInAsync(id, SessionId(day, "18:00"), TestCitizens.NewIdNumber()), HttpStatusCode.NotFound, "session-not-found");
    }
}
