using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>
/// What every HTTP test does: open its own help points, book, read bookings and sessions. Derived classes carry
/// <c>[Collection(GatewayCollection.Name)]</c> themselves, since xunit does not inherit it.
/// </summary>
public abstract class GatewayTest(GatewayFixture gateway)
{
    /// <summary>Xã Đại Thạnh, the commune whose model the province replicates.</summary>
    public const string CommuneCode = "20527";

    protected GatewayFixture Gateway => gateway;

    protected HttpClient Http => gateway.Http;

    protected DateOnly Today => gateway.Today;

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The contract's session id, <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public static string SessionId(DateOnly date, string start = "19:00") => $"{DateText(date)}T{start}";

    public static string BookingsOf(string helpPointId, string sessionId) =>
        $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings";

    public static string WalkInsOf(string helpPointId, string sessionId) =>
        $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/walk-ins";

    protected Task<HttpResponseMessage> PostAsync(string uri, object body) => Http.PostAsync(uri, HttpJson.Content(body));

    protected Task<HttpResponseMessage> PutAsync(string uri, object body) => Http.PutAsync(uri, HttpJson.Content(body));

    protected async Task<JsonElement> GetJsonAsync(string uri) =>
        await HttpJson.ReadAsync(await Http.GetAsync(uri), HttpStatusCode.OK);

    /// <summary>Opens a help point (every evening 19:00–20:00 unless told otherwise) and returns its id.</summary>
    protected Task<string> OpenHelpPointAsync(int computers = 6, params object[] openingHours) =>
        OpenHelpPointInAsync(CommuneCode, Bodies.HelpPoint(computers, openingHours));

    protected async Task<string> OpenHelpPointInAsync(string communeCode, object body)
    {
        var created = await HttpJson.ReadAsync(
            await PostAsync($"/api/v1/communes/{communeCode}/help-points", body), HttpStatusCode.Created);
        return created.Text("id");
    }

    protected Task<HttpResponseMessage> BookAsync(string helpPointId, string sessionId, string idNumber, bool? waitlist = null) =>
        PostAsync(BookingsOf(helpPointId, sessionId), Bodies.Booking(idNumber, waitlist));

    /// <summary>Books a new citizen and returns the booking's id, asserting it was placed with the given status.</summary>
    protected async Task<string> BookNewCitizenAsync(string helpPointId, string sessionId, string status = "confirmed")
    {
        var placed = await HttpJson.ReadAsync(
            await BookAsync(helpPointId, sessionId, TestCitizens.NewIdNumber(), waitlist: true), HttpStatusCode.Created);
        Assert.Equal(status, placed.Text("status"));
        return placed.Text("id");
    }

    protected Task<HttpResponseMessage> WalkInAsync(string helpPointId, string sessionId, string idNumber) =>
        PostAsync(WalkInsOf(helpPointId, sessionId), Bodies.WalkIn(idNumber));

    protected Task<JsonElement> GetBookingAsync(string bookingId) => GetJsonAsync($"/api/v1/bookings/{bookingId}");

    protected async Task<string> StatusOfBookingAsync(string bookingId) => (await GetBookingAsync(bookingId)).Text("status");

    protected async Task<JsonElement[]> GetSessionsAsync(string helpPointId, DateOnly from, DateOnly to) =>
        [.. (await GetJsonAsync($"/api/v1/help-points/{helpPointId}/sessions?from={DateText(from)}&to={DateText(to)}"))
            .EnumerateArray()];

    /// <summary>One session as the listing shows it.</summary>
    protected async Task<JsonElement> GetSessionAsync(string helpPointId, DateOnly date, string start = "19:00")
    {
        var id = SessionId(date, start);
        return Assert.Single(await GetSessionsAsync(helpPointId, date, date), session => session.Text("id") == id);
    }
}
