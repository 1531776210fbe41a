using System.Globalization;
using System.Net;
using System.Text.Json;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>
/// What every HTTP test does: open its own help points, book, read bookings and sessions, open and file citizen
/// requests. Derived classes carry
/// <c>[Collection(GatewayCollection.Name)]</c> themselves, since xunit does not inherit it.
/// </summary>
public abstract class GatewayTest(GatewayFixture gateway)
{
    /// <summary>Xã Đại Thạnh, the commune whose model the province replicates.</summary>
    public const string CommuneCode = "20527";

    protected GatewayFixture Gateway => gateway;

    /// <summary>The client every helper sends through; a test class may put its own in front of the fixture's.</summary>
    protected virtual HttpClient Http => gateway.Http;

    protected DateOnly Today => gateway.Today;

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The contract's session id, <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public static string SessionId(DateOnly date, string start = "19:00") => $"{DateText(date)}T{start}";

    public static string BookingsOf(string helpPointId, string sessionId) =>
        $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings";

    public static string WalkInsOf(string helpPointId, string sessionId) =>
        $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/walk-ins";

    public static string RequestsOf(string communeCode) => $"/api/v1/communes/{communeCode}/requests";

    public static string RequestUri(string requestId) => $"/api/v1/requests/{requestId}";

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

    protected Task<HttpResponseMessage> OpenRequestAsync(string communeCode, object body) => PostAsync(RequestsOf(communeCode), body);

    /// <summary>
    /// Opens a birth registration for a new citizen (or the one given) with a complete form unless told otherwise,
    /// and returns its id, asserting a draft was opened.
    /// </summary>
    protected async Task<string> OpenDraftAsync(
        string? idNumber = null, IReadOnlyDictionary<string, string>? form = null, string? bookingId = null, string communeCode = CommuneCode)
    {
        var opened = await HttpJson.ReadAsync(
            await OpenRequestAsync(communeCode, Bodies.Request(idNumber ?? TestCitizens.NewIdNumber(), form, bookingId)), HttpStatusCode.Created);
        Assert.Equal("draft", opened.Text("status"));
        return opened.Text("id");
    }

    protected Task<JsonElement> GetRequestAsync(string requestId) => GetJsonAsync(RequestUri(requestId));

    protected Task<HttpResponseMessage> EditFormAsync(string requestId, object form) => PutAsync($"{RequestUri(requestId)}/form", form);

    protected async Task<HttpResponseMessage> SubmitAsync(string requestId, string? idempotencyKey = null)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"{RequestUri(requestId)}/submit");
        if (idempotencyKey is not null)
        {
            submit.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(submit);
    }

    /// <summary>Submits, asserting the 202 and its body; returns the status it answered.</summary>
    protected async Task<string> SubmitAcceptedAsync(string requestId, string? idempotencyKey = null)
    {
        var accepted = await HttpJson.ReadAsync(await SubmitAsync(requestId, idempotencyKey), HttpStatusCode.Accepted);
        Assert.Equal(requestId, accepted.Text("id"));
        return accepted.Text("status");
    }

    /// <summary>
    /// Plays the reminder service until the request reaches the status, and returns the request then: ticks at once
    /// (a queued filing is due at once), then moves the domain clock on to the next morning, which is past any retry
    /// wait and poll interval, and less than the simulated portal's two days between processing and its decision,
    /// so no status the portal passes through is skipped. Bounded: a request that never gets there fails the test.
    /// </summary>
    protected async Task<JsonElement> DriveUntilAsync(string requestId, string status)
    {
        var seen = new List<string>();
        for (var step = 0; step < 10; step++)
        {
            await Gateway.TickAsync(requestId);
            var request = await GetRequestAsync(requestId);
            if (request.Text("status") == status)
            {
                return request;
            }

            seen.Add(request.Text("status"));
            Gateway.NextMorning();
        }

        throw new Xunit.Sdk.XunitException($"The request did not become {status} in 10 days; it was {string.Join(", ", seen)}.");
    }

    /// <summary>The note of a request's latest status: the portal's words, or the platform's.</summary>
    protected static string LastNoteOf(JsonElement request) => request.GetProperty("history").EnumerateArray().Last().Text("note");

    /// <summary>The statuses of a request's history, oldest first.</summary>
    protected static string[] HistoryOf(JsonElement request) =>
        [.. request.GetProperty("history").EnumerateArray().Select(entry => entry.Text("status"))];

    /// <summary>
    /// The dossiers the in-process portal holds under the request's id, in filing order: more than one would be a
    /// duplicate filing. Read through the simulation's inspection, which is neither counted nor faulted.
    /// </summary>
    protected IReadOnlyList<PortalDossierState> DossiersFiledFor(string requestId) =>
        [.. Gateway.Portal.All().Where(dossier => dossier.ClientReference == requestId)];
}
