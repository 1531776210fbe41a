using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>One answer of the gateway, read whole: status, media type, body text, and how long it took.</summary>
public sealed record Answer(HttpStatusCode Status, string? MediaType, string Text, TimeSpan Took)
{
    public const string ProblemMediaType = "application/problem+json";
    public const string ProblemTypePrefix = "urn:provinceplatform:problem:";

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Text);
        return document.RootElement.Clone();
    }

    /// <summary>An RFC 9457 problem document of ours: the media type, a type URI of ours, and the status repeated.</summary>
    public bool IsProblemDocument()
    {
        if (MediaType != ProblemMediaType)
        {
            return false;
        }

        try
        {
            var problem = Json();
            return problem.TryGetProperty("type", out var type) && type.GetString()?.StartsWith(ProblemTypePrefix, StringComparison.Ordinal) == true
                && problem.TryGetProperty("status", out var status) && status.GetInt32() == (int)Status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override string ToString() => $"{(int)Status} {MediaType} after {Took.TotalMilliseconds:0} ms: {Text}";
}

/// <summary>
/// The gateway's HTTP contract as the tests use it, through one silo's address. Helpers that expect an answer assert
/// its status and put the body and the processes' output in the message when it differs.
/// </summary>
public sealed class PlatformApi(HttpClient http, Func<string> diagnostics)
{
    /// <summary>Xã Đại Thạnh (Huyện Đại Lộc), where the model began.</summary>
    public const string DaiThanh = "20527";

    /// <summary>Phường Tân Thạnh (Thành phố Tam Kỳ), another district.</summary>
    public const string TanThanh = "20335";

    public const string ServiceCode = "birthRegistration";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public HttpClient Http => http;

    /// <summary>Sends and reads the whole answer, whatever it is; throws only when no answer came.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string uri, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, s_json), Encoding.UTF8, "application/json");
        }

        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, clock.Elapsed);
    }

    public Task<Answer> GetAsync(string uri, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Get, uri, null, cancellationToken);

    /// <summary>Sends, asserting the status; returns the answer.</summary>
    public async Task<Answer> ExpectAsync(HttpStatusCode expected, HttpMethod method, string uri, object? body = null)
    {
        var answer = await SendAsync(method, uri, body);
        Assert.True(answer.Status == expected, $"{method} {http.BaseAddress}{uri.TrimStart('/')}: expected {(int)expected}, got {answer}\n{diagnostics()}");
        return answer;
    }

    /// <summary>GET answering 200; its body as text, as it travelled.</summary>
    public async Task<string> ReadAsync(string uri) => (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, uri)).Text;

    public async Task<JsonElement> ReadJsonAsync(string uri) => (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, uri)).Json();

    /// <summary>Opens a help point (every evening 19:00–20:00 unless told otherwise) and returns its id.</summary>
    public async Task<string> OpenHelpPointAsync(string communeCode, int computers, string name = "Nhà văn hóa thôn Thử Nghiệm", params object[] openingHours)
    {
        var created = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/v1/communes/{communeCode}/help-points",
            HelpPoint(name, computers, openingHours));
        return created.Json().Text("id");
    }

    public static object HelpPoint(string name, int computers, params object[] openingHours) => new
    {
        name,
        kind = "villageHouse",
        address = "Thôn 1, xã Đại Thạnh, huyện Đại Lộc, Quảng Nam",
        computers,
        openingHours = openingHours.Length == 0 ? [Period("19:00", "20:00")] : openingHours,
    };

    public static object Period(string start, string end, int? slotMinutes = null, string[]? days = null) =>
        new { days = days ?? ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start, end, slotMinutes };

    public static object Citizen(string idNumber, string fullName = "Nguyễn Thị Thu") => new { idNumber, fullName, phone = "0905123456" };

    public static object Booking(string idNumber, bool? waitlist = null) => new { citizen = Citizen(idNumber), serviceCode = ServiceCode, waitlist };

    public Task<Answer> TryBookAsync(string helpPointId, string sessionId, string idNumber, bool? waitlist = true, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings", Booking(idNumber, waitlist), cancellationToken);

    /// <summary>Books a citizen (waitlisted when the session is full) and returns the answer's body.</summary>
    public async Task<JsonElement> BookAsync(string helpPointId, string sessionId, string idNumber) =>
        (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings",
            Booking(idNumber, waitlist: true))).Json();

    public Task CancelAsync(string bookingId) => ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/bookings/{bookingId}");

    public Task CloseAsync(string helpPointId, DateOnly date, string reason = "Họp thôn / Village meeting") =>
        ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/v1/help-points/{helpPointId}/closures", new { date = VietnamDates.Text(date), reason });

    public Task UpdateHelpPointAsync(string helpPointId, object definition) =>
        ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/help-points/{helpPointId}", definition);

    /// <summary>A complete birth registration form: every required field, each shaped as the catalogue asks.</summary>
    public static Dictionary<string, string> BirthForm(string childFullName = "Nguyễn Minh An") => new()
    {
        ["childFullName"] = childFullName,
        ["childBirthDate"] = "2026-11-20",
        ["childSex"] = "male",
        ["birthPlace"] = "Trạm y tế xã Đại Thạnh",
        ["motherFullName"] = "Nguyễn Thị Thu",
        ["applicantRelationship"] = "mother",
    };

    /// <summary>Opens a birth registration with a complete form and returns its id.</summary>
    public async Task<string> OpenRequestAsync(string communeCode, string idNumber, string? bookingId = null, string childFullName = "Nguyễn Minh An")
    {
        var opened = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/v1/communes/{communeCode}/requests",
            new { citizen = Citizen(idNumber), serviceCode = ServiceCode, bookingId, form = BirthForm(childFullName) });
        Assert.Equal("draft", opened.Json().Text("status"));
        return opened.Json().Text("id");
    }

    public Task SubmitAsync(string requestId) => ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, $"/api/v1/requests/{requestId}/submit");

    /// <summary>The citizen's bookings and requests, found by ID number in the body (never in the URL).</summary>
    public async Task<string> LookupAsync(string idNumber) =>
        (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/citizens/lookup", new { idNumber })).Text;
}

public static class JsonElementExtensions
{
    /// <summary>A string member that must be there.</summary>
    public static string Text(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null in {element}");
}
