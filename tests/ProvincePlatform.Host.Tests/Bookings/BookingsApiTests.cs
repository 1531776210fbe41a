using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Bookings;

[Collection(GatewayCollection.Name)]
public sealed class BookingsApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Booking_an_open_session_is_201_confirmed_with_Location()
    {
        var id = await OpenHelpPointAsync(2);

        var response = await BookAsync(id, SessionId(Today.AddDays(1)), TestCitizens.NewIdNumber());

        var placed = await HttpJson.ReadAsync(response, HttpStatusCode.Created);
        var bookingId = placed.Text("id");
        Assert.StartsWith(id + "-", bookingId, StringComparison.Ordinal);
        Assert.Equal("confirmed", placed.Text("status"));
        Assert.False(placed.TryGetProperty("position", out _));
        Assert.Equal($"/api/v1/bookings/{bookingId}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Booking_a_full_session_with_waitlist_is_201_waitlisted_with_position()
    {
        var id = await OpenHelpPointAsync(1);
        var session = SessionId(Today.AddDays(1));
        await BookNewCitizenAsync(id, session);

        var first = await HttpJson.ReadAsync(await BookAsync(id, session, TestCitizens.NewIdNumber(), waitlist: true), HttpStatusCode.Created);
        var second = await HttpJson.ReadAsync(await BookAsync(id, session, TestCitizens.NewIdNumber(), waitlist: true), HttpStatusCode.Created);

        Assert.Equal("waitlisted", first.Text("status"));
        Assert.Equal(1, first.GetProperty("position").GetInt32());
        Assert.Equal("waitlisted", second.Text("status"));
        Assert.Equal(2, second.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Booking_a_full_session_without_waitlist_is_409()
    {
        var id = await OpenHelpPointAsync(1);
        var session = SessionId(Today.AddDays(1));
        await BookNewCitizenAsync(id, session);

        await HttpJson.ReadProblemAsync(await BookAsync(id, session, TestCitizens.NewIdNumber()), HttpStatusCode.Conflict, "session-full");
        await HttpJson.ReadProblemAsync(
            await BookAsync(id, session, TestCitizens.NewIdNumber(), waitlist: false), HttpStatusCode.Conflict, "session-full");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public async Task Booking_the_same_idNumber_twice_in_a_session_is_409(int computers)
    {
        // With one computer and a waitlist, the citizen's first place is a seat and the second would be on the waitlist.
        var id = await OpenHelpPointAsync(computers);
        var session = SessionId(Today.AddDays(1));
        var idNumber = TestCitizens.NewIdNumber();
        await HttpJson.ReadAsync(await BookAsync(id, session, idNumber, waitlist: true), HttpStatusCode.Created);

        await HttpJson.ReadProblemAsync(await BookAsync(id, session, idNumber, waitlist: true), HttpStatusCode.Conflict, "already-booked");
    }

    [Fact]
    public async Task The_same_idNumber_may_book_another_session_or_again_after_cancelling()
    {
        var id = await OpenHelpPointAsync(2);
        var idNumber = TestCitizens.NewIdNumber();
        var first = await HttpJson.ReadAsync(await BookAsync(id, SessionId(Today.AddDays(1)), idNumber), HttpStatusCode.Created);
        await HttpJson.ReadAsync(await BookAsync(id, SessionId(Today.AddDays(2)), idNumber), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{first.Text("id")}")).StatusCode);

        await HttpJson.ReadAsync(await BookAsync(id, SessionId(Today.AddDays(1)), idNumber), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("18:00", false)]
    [InlineData("19:30", false)]
    [InlineData("19:00", true)]
    public async Task Booking_a_session_not_in_the_schedule_is_404(string start, bool onSaturday)
    {
        // Open 19:00–20:00 on weekdays: 18:00 and 19:30 start no session, and a Saturday has none at all.
        var id = await OpenHelpPointAsync(2, Bodies.Period("19:00", "20:00", days: ["mon", "tue", "wed", "thu", "fri"]));
        var day = Today.AddDays(1);
        while (onSaturday ? day.DayOfWeek != DayOfWeek.Saturday : day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        await HttpJson.ReadProblemAsync(
            await BookAsync(id, SessionId(day, start), TestCitizens.NewIdNumber()), HttpStatusCode.NotFound, "session-not-found");
    }

    [Fact]
    public async Task Booking_a_past_session_is_409()
    {
        var id = await OpenHelpPointAsync(2);

        await HttpJson.ReadProblemAsync(
            await BookAsync(id, SessionId(Today.AddDays(-1)), TestCitizens.NewIdNumber()), HttpStatusCode.Conflict, "session-started");
    }

    [Fact]
    public async Task Booking_more_than_90_days_ahead_is_409()
    {
        var id = await OpenHelpPointAsync(2);

        await HttpJson.ReadProblemAsync(
            await BookAsync(id, SessionId(Today.AddDays(120)), TestCitizens.NewIdNumber()), HttpStatusCode.Conflict, "booking-not-yet-open");
    }

    [Theory]
    [InlineData("20527-999999")]
    [InlineData("nope")]
    public async Task Booking_at_an_unknown_help_point_is_404(string id)
    {
        await HttpJson.ReadProblemAsync(
            await BookAsync(id, SessionId(Today.AddDays(1)), TestCitizens.NewIdNumber()), HttpStatusCode.NotFound, "help-point-not-found");
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-12-01 19:00")]
    [InlineData("2026-12-01T19:00:00")]
    [InlineData("2026-02-30T19:00")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("9999-12-31T23:00")]
    public async Task Booking_or_walking_in_with_a_malformed_session_id_is_400_naming_sessionId(string sessionId)
    {
        // Open around the clock's edges, so that an id on 0001-01-01 or 9999-12-31 would otherwise name a session.
        var id = await OpenHelpPointAsync(2, Bodies.Period("00:00", "01:00"), Bodies.Period("19:00", "20:00"), Bodies.Period("23:00", "23:59"));

        await HttpJson.ReadValidationProblemAsync(
            await BookAsync(id, Uri.EscapeDataString(sessionId), TestCitizens.NewIdNumber()), "sessionId");
        await HttpJson.ReadValidationProblemAsync(
            await WalkInAsync(id, Uri.EscapeDataString(sessionId), TestCitizens.NewIdNumber()), "sessionId");
    }

    [Fact]
    public async Task Getting_a_booking_masks_the_idNumber_to_its_last_three_digits()
    {
        var id = await OpenHelpPointAsync(2);
        var session = SessionId(Today.AddDays(1));
        var idNumber = TestCitizens.NewIdNumber();
        var placed = await HttpJson.ReadAsync(await BookAsync(id, session, idNumber), HttpStatusCode.Created);

        var response = await Http.GetAsync($"/api/v1/bookings/{placed.Text("id")}");
        var booking = await HttpJson.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal(placed.Text("id"), booking.Text("id"));
        Assert.Equal(id, booking.Text("helpPointId"));
        Assert.Equal(session, booking.Text("sessionId"));
        Assert.Equal("confirmed", booking.Text("status"));
        Assert.Equal(Bodies.ServiceCode, booking.Text("serviceCode"));
        var citizen = booking.GetProperty("citizen");
        Assert.Equal("*********" + idNumber[^3..], citizen.Text("idNumber"));
        Assert.Equal(Bodies.FullName, citizen.Text("fullName"));
        Assert.DoesNotContain(idNumber, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_booking_is_204_and_confirms_the_first_waitlisted_at_once()
    {
        var id = await OpenHelpPointAsync(1);
        var day = Today.AddDays(1);
        var confirmed = await BookNewCitizenAsync(id, SessionId(day));
        var first = await BookNewCitizenAsync(id, SessionId(day), "waitlisted");
        var second = await BookNewCitizenAsync(id, SessionId(day), "waitlisted");

        var response = await Http.DeleteAsync($"/api/v1/bookings/{confirmed}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("cancelled", await StatusOfBookingAsync(confirmed));
        Assert.Equal("confirmed", await StatusOfBookingAsync(first));
        var stillWaiting = await GetBookingAsync(second);
        Assert.Equal("waitlisted", stillWaiting.Text("status"));
        Assert.Equal(1, stillWaiting.GetProperty("position").GetInt32());
        var session = await GetSessionAsync(id, day);
        Assert.Equal(1, session.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, session.GetProperty("waitlisted").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_waitlisted_booking_moves_the_ones_behind_it_up()
    {
        var id = await OpenHelpPointAsync(1);
        var session = SessionId(Today.AddDays(1));
        await BookNewCitizenAsync(id, session);
        var first = await BookNewCitizenAsync(id, session, "waitlisted");
        var second = await BookNewCitizenAsync(id, session, "waitlisted");

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{first}")).StatusCode);

        Assert.Equal(1, (await GetBookingAsync(second)).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Cancelling_twice_is_harmless()
    {
        var id = await OpenHelpPointAsync(1);
        var booking = await BookNewCitizenAsync(id, SessionId(Today.AddDays(1)));

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{booking}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{booking}")).StatusCode);
        Assert.Equal("cancelled", await StatusOfBookingAsync(booking));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/check-in")]
    public async Task An_unknown_booking_is_404(string method, string suffix)
    {
        var id = await OpenHelpPointAsync(1);
        foreach (var bookingId in new[] { $"{id}-aaaaaaaaaa", "20527-999999-aaaaaaaaaa", "nope", "20527-1-UPPERCASE1" })
        {
            var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/bookings/{bookingId}{suffix}"));
            await HttpJson.ReadProblemAsync(response, HttpStatusCode.NotFound, "booking-not-found");
        }
    }
}
