using System.Net;
using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Bookings;

/// <summary>A hundred citizens booking one six-computer session at the same moment, over HTTP.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ConcurrentBookingTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const int Citizens = 100;
    private const int Computers = 6;

    [Fact]
    public async Task Parallel_bookings_with_waitlist_confirm_exactly_the_seats_fill_the_waitlist_without_gaps_and_refuse_the_rest()
    {
        var id = await OpenHelpPointAsync(Computers);
        var day = Today.AddDays(1);

        var answers = await BookAllAtOnceAsync(id, SessionId(day), waitlist: true);

        var placed = answers.Where(answer => answer.Status == HttpStatusCode.Created).Select(answer => answer.Body).ToList();
        Assert.Equal(placed.Count, placed.Select(booking => booking.Text("id")).Distinct().Count());
        Assert.Equal(Computers, placed.Count(booking => booking.Text("status") == "confirmed"));
        var positions = placed.Where(booking => booking.Text("status") == "waitlisted").Select(booking => booking.GetProperty("position").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, Computers), positions.Order());
        var refused = answers.Where(answer => answer.Status != HttpStatusCode.Created).ToList();
        Assert.Equal(Citizens - 2 * Computers, refused.Count);
        Assert.All(refused, answer => Assert.Equal(HttpJson.ProblemTypePrefix + "waitlist-full", answer.Body.Text("type")));

        var session = await GetSessionAsync(id, day);
        Assert.Equal(Computers, session.GetProperty("confirmed").GetInt32());
        Assert.Equal(Computers, session.GetProperty("waitlisted").GetInt32());
        Assert.Equal("full", session.Text("status"));
    }

    [Fact]
    public async Task Parallel_bookings_without_waitlist_give_exactly_the_seats_and_409_to_the_rest()
    {
        var id = await OpenHelpPointAsync(Computers);
        var day = Today.AddDays(1);

        var answers = await BookAllAtOnceAsync(id, SessionId(day), waitlist: false);

        Assert.Equal(Computers, answers.Count(answer => answer.Status == HttpStatusCode.Created));
        Assert.Equal(Citizens - Computers, answers.Count(answer => answer.Status == HttpStatusCode.Conflict));
        Assert.All(answers.Where(answer => answer.Status == HttpStatusCode.Created), answer => Assert.Equal("confirmed", answer.Body.Text("status")));
        Assert.All(answers.Where(answer => answer.Status == HttpStatusCode.Conflict),
            answer => Assert.Equal(HttpJson.ProblemTypePrefix + "session-full", answer.Body.Text("type")));

        var session = await GetSessionAsync(id, day);
        Assert.Equal(Computers, session.GetProperty("confirmed").GetInt32());
        Assert.Equal(0, session.GetProperty("waitlisted").GetInt32());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)[]> BookAllAtOnceAsync(string helpPointId, string sessionId, bool waitlist)
    {
        var idNumbers = Enumerable.Range(0, Citizens).Select(_ => TestCitizens.NewIdNumber()).ToList();
        return await Task.WhenAll(idNumbers.Select(async idNumber =>
        {
            using var response = await BookAsync(helpPointId, sessionId, idNumber, waitlist);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, document.RootElement.Clone());
        }));
    }
}
