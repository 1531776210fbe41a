using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>When a matrix case's session takes place, which decides what a valid request to it is.</summary>
public enum SessionTiming
{
    /// <summary>Tomorrow at 19:00: open for booking and cancelling.</summary>
    Tomorrow,

    /// <summary>Today at 19:00, the clock at 08:00 of a new day: check-in is allowed, the session has not started.</summary>
    Today,

    /// <summary>Today at 19:00, the clock at 19:05: walk-ins are taken.</summary>
    Running,
}

/// <summary>
/// What one matrix case acts on, opened by the province admin in one commune just before the call: a help point with
/// two computers, a citizen's confirmed booking in its 19:00 session, and that citizen's draft request with a
/// complete form; and, where a route addresses one, a rollout operation of the commune (which skips it, since it has
/// a help point). Every case has its own, so no case depends on what another did.
/// </summary>
public sealed record Scene(
    string CommuneCode, DateOnly Today, string HelpPointId, DateOnly SessionDate, string IdNumber, string BookingId, string RequestId,
    string? OperationId = null)
{
    public string SessionId => GatewayTest.SessionId(SessionDate);

    public static async Task<Scene> PrepareAsync(GatewayFixture gateway, string communeCode, SessionTiming timing, bool withRolloutOperation = false)
    {
        // The clock is shared and only moves forward: a session today needs a morning of its own.
        var sessionDate = timing == SessionTiming.Tomorrow ? gateway.Today.AddDays(1) : gateway.NextMorning();
        var admin = gateway.Http;
        var helpPointId = await CreatedIdAsync(admin, $"/api/v1/communes/{communeCode}/help-points", Bodies.HelpPoint(2));
        var idNumber = TestCitizens.NewIdNumber();
        var bookingId = await CreatedIdAsync(
            admin, GatewayTest.BookingsOf(helpPointId, GatewayTest.SessionId(sessionDate)), Bodies.Booking(idNumber));
        var requestId = await CreatedIdAsync(admin, GatewayTest.RequestsOf(communeCode), Bodies.Request(idNumber));
        string? operationId = null;
        if (withRolloutOperation)
        {
            var started = await HttpJson.ReadAsync(
                await admin.PostAsync("/api/v1/province/rollout", HttpJson.Content(Bodies.Rollout([communeCode], Bodies.RolloutTemplate(1, communeOffice: false)))),
                HttpStatusCode.Accepted);
            operationId = started.Text("operationId");
        }

        if (timing == SessionTiming.Running)
        {
            gateway.SetLocalTime(new TimeOnly(19, 5));
        }

        return new Scene(communeCode, gateway.Today, helpPointId, sessionDate, idNumber, bookingId, requestId, operationId);
    }

    /// <summary>
    /// Everything about the scene a call could change, as the province admin reads it: a refused call must leave it
    /// exactly as it was.
    /// </summary>
    public async Task<string> StateAsync(HttpClient admin)
    {
        var date = GatewayTest.DateText(SessionDate);
        string[] reads =
        [
            $"/api/v1/communes/{CommuneCode}/help-points",
            $"/api/v1/help-points/{HelpPointId}",
            $"/api/v1/help-points/{HelpPointId}/sessions?from={date}&to={date}",
            $"/api/v1/bookings/{BookingId}",
            $"/api/v1/communes/{CommuneCode}/requests",
            GatewayTest.RequestUri(RequestId),
            $"/api/v1/communes/{CommuneCode}/rollout-stage",
        ];
        var states = new List<string>();
        foreach (var read in reads)
        {
            states.Add($"{read}: {(await HttpJson.ReadAsync(await admin.GetAsync(read), HttpStatusCode.OK)).GetRawText()}");
        }

        return string.Join(Environment.NewLine, states);
    }

    private static async Task<string> CreatedIdAsync(HttpClient admin, string uri, object body) =>
        (await HttpJson.ReadAsync(await admin.PostAsync(uri, HttpJson.Content(body)), HttpStatusCode.Created)).Text("id");
}
