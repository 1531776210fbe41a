using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.HelpPoints;

[Collection(GatewayCollection.Name)]
public sealed class ClosuresTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Closing_a_date_is_201_and_cancels_that_days_bookings()
    {
        var id = await OpenHelpPointAsync(1);
        var closed = Today.AddDays(2);
        var confirmed = await BookNewCitizenAsync(id, SessionId(closed));
        var waitlisted = await BookNewCitizenAsync(id, SessionId(closed), "waitlisted");
        var nextDay = await BookNewCitizenAsync(id, SessionId(closed.AddDays(1)));

        var closure = await HttpJson.ReadAsync(
            await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(closed, "Bão / Storm")), HttpStatusCode.Created);

        Assert.Equal(DateText(closed), closure.Text("date"));
        Assert.Equal("Bão / Storm", closure.Text("reason"));
        Assert.Equal("cancelledByHelpPoint", await StatusOfBookingAsync(confirmed));
        Assert.Equal("cancelledByHelpPoint", await StatusOfBookingAsync(waitlisted));
        Assert.Equal("confirmed", await StatusOfBookingAsync(nextDay));
        var helpPoint = await GetJsonAsync($"/api/v1/help-points/{id}");
        Assert.Equal(DateText(closed), Assert.Single(helpPoint.GetProperty("closures").EnumerateArray()).Text("date"));
        Assert.Equal(2, helpPoint.GetProperty("figures").GetProperty("cancelledByHelpPoint").GetInt32());
    }

    [Fact]
    public async Task Booking_on_a_closed_date_is_409()
    {
        var id = await OpenHelpPointAsync(2);
        var closed = Today.AddDays(1);
        await HttpJson.ReadAsync(await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(closed)), HttpStatusCode.Created);

        await HttpJson.ReadProblemAsync(
            await BookAsync(id, SessionId(closed), TestCitizens.NewIdNumber(), waitlist: true), HttpStatusCode.Conflict, "session-closed");
    }

    [Fact]
    public async Task Closing_the_same_date_twice_is_409()
    {
        var id = await OpenHelpPointAsync(2);
        var closed = Today.AddDays(3);
        await HttpJson.ReadAsync(await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(closed)), HttpStatusCode.Created);

        var problem = await HttpJson.ReadProblemAsync(
            await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(closed)), HttpStatusCode.Conflict, "date-already-closed");

        HttpJson.AssertNames(problem, "date");
    }

    [Fact]
    public async Task Closing_a_past_date_is_400_naming_date()
    {
        var id = await OpenHelpPointAsync(2);

        var problem = await HttpJson.ReadValidationProblemAsync(
            await PostAsync($"/api/v1/help-points/{id}/closures", Bodies.Closure(Today.AddDays(-1))), "date");

        Assert.Equal(HttpJson.ProblemTypePrefix + "date-in-past", problem.Text("type"));
    }

    [Fact]
    public async Task Closing_a_date_of_an_unknown_help_point_is_404()
    {
        await HttpJson.ReadProblemAsync(
            await PostAsync("/api/v1/help-points/20527-999999/closures", Bodies.Closure(Today.AddDays(1))),
            HttpStatusCode.NotFound, "help-point-not-found");
    }
}
