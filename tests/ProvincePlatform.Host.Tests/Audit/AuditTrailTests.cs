using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Audit;

/// <summary>
/// The audit trail as the province reads it (<c>GET /api/v1/audit</c>): the whole booking and request flow, done by
/// Đại Thạnh's portal on a help point the province opened, leaves one entry for each write and each read of
/// citizens' data, refusals included, naming who, what, which resource, where, when and how it ended, and never a
/// citizen's ID number, name or phone. Plain reads leave none. Only the province admin may read the trail.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditTrailTests : GatewayTest, IDisposable
{
    private const string Audit = "/api/v1/audit";
    private const string Admin = "province-it";
    private const string Portal = "dai-thanh-portal";

    private readonly HttpClient _portal;

    public AuditTrailTests(GatewayFixture gateway)
        : base(gateway) => _portal = gateway.ClientFor(TestClients.Portal);

    /// <summary>The flow is the portal's; the trail is read with the province admin's key, <see cref="GatewayFixture.Http"/>.</summary>
    protected override HttpClient Http => _portal;

    public static TheoryData<string, string> InvalidQueries => new()
    {
        { "from=2026-02-30", "from" },
        { "from=01-12-2026", "from" },
        { "to=tomorrow", "to" },
        { "from=1999-12-31", "from" },
        { "from=2026-12-02&to=2026-12-01", "to" },
        { "page=0", "page" },
        { "pageSize=0", "pageSize" },
        { "pageSize=501", "pageSize" },
        { "pageSize=ten", "pageSize" },
        { "resource=" + new string('x', 201), "resource" },
        { "client=%07", "client" },
        { "communeCode=%EF%BF%BE", "communeCode" },
        { "resource=20527-1%E2%80%AE", "resource" },
        { "pageSize=5%00", "pageSize" },
    };

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Every_write_and_every_read_of_citizens_data_in_the_booking_and_request_flow_leaves_its_entry()
    {
        var flow = await RunTheFlowAsync(NewCitizen(), NewCitizen());
        var morning = VietnamTime.ToInstant(flow.Day, new TimeOnly(8, 0));

        Assert.Equal(
            [
                new Entry(Portal, "CommunePortal", "Book", "POST", flow.HelpPoint, CommuneCode, 409),
                new Entry(Admin, "ProvinceAdmin", "OpenHelpPoint", "POST", flow.HelpPoint, CommuneCode, 201),
            ],
            (await AuditOfAsync(flow.HelpPoint)).Items);
        Assert.Equal(
            [
                new Entry(Portal, "CommunePortal", "CheckIn", "POST", flow.Booking, CommuneCode, 200),
                new Entry(Portal, "CommunePortal", "GetBooking", "GET", flow.Booking, CommuneCode, 200),
                new Entry(Portal, "CommunePortal", "Book", "POST", flow.Booking, CommuneCode, 201),
            ],
            (await AuditOfAsync(flow.Booking)).Items);
        Assert.Equal(
            [
                new Entry(Portal, "CommunePortal", "CancelBooking", "DELETE", flow.Cancelled, CommuneCode, 204),
                new Entry(Portal, "CommunePortal", "Book", "POST", flow.Cancelled, CommuneCode, 201),
            ],
            (await AuditOfAsync(flow.Cancelled)).Items);
        Assert.Equal(
            [new Entry(Portal, "CommunePortal", "WalkIn", "POST", flow.WalkIn, CommuneCode, 201)],
            (await AuditOfAsync(flow.WalkIn)).Items);
        Assert.Equal(
            [
                new Entry(Portal, "CommunePortal", "GetRequest", "GET", flow.Request, CommuneCode, 200),
                new Entry(Portal, "CommunePortal", "SubmitRequest", "POST", flow.Request, CommuneCode, 202),
                new Entry(Portal, "CommunePortal", "UpdateRequestForm", "PUT", flow.Request, CommuneCode, 200),
                new Entry(Portal, "CommunePortal", "OpenRequest", "POST", flow.Request, CommuneCode, 201),
            ],
            (await AuditOfAsync(flow.Request)).Items);

        // The citizen looked up is named by the keyed hash of their grain, and belongs to no commune.
        var citizen = "citizen:" + Gateway.Services.GetRequiredService<CitizenKeys>().KeyOf(flow.IdNumber);
        Assert.Equal(
            [new Entry(Portal, "CommunePortal", "LookupCitizen", "POST", citizen, null, 200)],
            (await AuditOfAsync(citizen)).Items);
        Assert.Equal([new Entry(Portal, "CommunePortal", "ListRequests", "GET", CommuneCode, CommuneCode, 200)], flow.Listed);

        // When: the domain clock at the call, in local time.
        var bookingTrail = await AuditJsonAsync($"resource={Uri.EscapeDataString(flow.Booking)}");
        Assert.All(bookingTrail.GetProperty("items").EnumerateArray(), item => AssertAt(morning, item));
        var walkIn = Assert.Single((await AuditJsonAsync($"resource={Uri.EscapeDataString(flow.WalkIn)}")).GetProperty("items").EnumerateArray());
        AssertAt(VietnamTime.ToInstant(flow.Day, new TimeOnly(19, 10)), walkIn);
    }

    [Fact]
    public async Task No_entry_of_the_trail_carries_an_ID_number_name_or_phone()
    {
        var citizen = NewCitizen();
        var other = NewCitizen();
        await RunTheFlowAsync(citizen, other);

        var pages = await WholeTrailAsync();

        Assert.Contains(pages, page => page.Contains("LookupCitizen", StringComparison.Ordinal));
        foreach (var secret in new[] { citizen, other }.SelectMany(person => new[]
            { person.IdNumber, person.IdNumber[3..], person.FullName, person.Phone, person.Phone[1..] }))
        {
            Assert.DoesNotContain(pages, page => page.Contains(secret, StringComparison.Ordinal)
                || page.Contains(JsonSerializer.Serialize(secret)[1..^1], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Plain_reads_leave_no_entry()
    {
        var helpPoint = await OpenHelpPointAsync(2);
        var before = await TotalAsync();

        await GetJsonAsync("/api/v1/communes");
        await GetJsonAsync($"/api/v1/communes/{CommuneCode}");
        await GetJsonAsync($"/api/v1/communes/{CommuneCode}/help-points");
        await GetJsonAsync($"/api/v1/help-points/{helpPoint}");
        await GetSessionsAsync(helpPoint, Today, Today.AddDays(6));
        await GetJsonAsync("/api/v1/services");
        await HttpJson.ReadAsync(await Gateway.Http.GetAsync(Audit), HttpStatusCode.OK);
        await HttpJson.ReadProblemAsync(await Http.GetAsync("/api/v1/help-points/20527-99999"), HttpStatusCode.NotFound);

        Assert.Equal(before, await TotalAsync());
        Assert.Equal(
            [new Entry(Portal, "CommunePortal", "OpenHelpPoint", "POST", helpPoint, CommuneCode, 201)],
            (await AuditOfAsync(helpPoint)).Items);
    }

    [Fact]
    public async Task Refused_calls_are_recorded_with_the_status_they_were_answered()
    {
        var helpPoint = await OpenHelpPointAsync(1);
        var session = SessionId(Today.AddDays(1));
        var idNumber = TestCitizens.NewIdNumber();
        var booking = (await HttpJson.ReadAsync(await BookAsync(helpPoint, session, idNumber), HttpStatusCode.Created)).Text("id");

        await HttpJson.ReadProblemAsync(await BookAsync(helpPoint, session, TestCitizens.NewIdNumber()), HttpStatusCode.Conflict);
        await HttpJson.ReadProblemAsync(await BookAsync(helpPoint, SessionId(Today.AddDays(1), "07:00"), idNumber), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await PostAsync(BookingsOf(helpPoint, session), new { citizen = Bodies.Citizen("123"), serviceCode = Bodies.ServiceCode }), HttpStatusCode.BadRequest);
        var unknownBooking = booking[..^1] + (booking[^1] == 'a' ? 'b' : 'a');
        await HttpJson.ReadProblemAsync(await Http.GetAsync($"/api/v1/bookings/{unknownBooking}"), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await PostAsync("/api/v1/citizens/lookup", new { idNumber = "049299123456" }), HttpStatusCode.BadRequest);

        Assert.Equal(
            [
                new Entry(Portal, "CommunePortal", "Book", "POST", helpPoint, CommuneCode, 400),
                new Entry(Portal, "CommunePortal", "Book", "POST", helpPoint, CommuneCode, 404),
                new Entry(Portal, "CommunePortal", "Book", "POST", helpPoint, CommuneCode, 409),
                new Entry(Portal, "CommunePortal", "OpenHelpPoint", "POST", helpPoint, CommuneCode, 201),
            ],
            (await AuditOfAsync(helpPoint)).Items);
        Assert.Equal(
            [new Entry(Portal, "CommunePortal", "GetBooking", "GET", unknownBooking, CommuneCode, 404)],
            (await AuditOfAsync(unknownBooking)).Items);
        var lookups = await AuditAsync($"client={Portal}&resource={Uri.EscapeDataString("/api/v1/citizens/lookup")}&pageSize=1");
        Assert.Equal([new Entry(Portal, "CommunePortal", "LookupCitizen", "POST", "/api/v1/citizens/lookup", null, 400)], lookups.Items);
    }

    [Fact]
    public async Task Attempts_that_authorisation_refuses_are_recorded_too()
    {
        var foreignHelpPoint = (await HttpJson.ReadAsync(
            await Gateway.Http.PostAsync($"/api/v1/communes/{TestClients.ForeignCommuneCode}/help-points", HttpJson.Content(Bodies.HelpPoint(2))),
            HttpStatusCode.Created)).Text("id");
        var foreignBooking = (await HttpJson.ReadAsync(
            await Gateway.Http.PostAsync(BookingsOf(foreignHelpPoint, SessionId(Today.AddDays(1))), HttpJson.Content(Bodies.Booking(TestCitizens.NewIdNumber()))),
            HttpStatusCode.Created)).Text("id");
        using var ops = Gateway.ClientFor(TestClients.Ops);

        await HttpJson.ReadProblemAsync(await Http.GetAsync($"/api/v1/bookings/{foreignBooking}"), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await Http.DeleteAsync($"/api/v1/bookings/{foreignBooking}"), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await ops.GetAsync($"/api/v1/bookings/{foreignBooking}"), HttpStatusCode.Forbidden);

        Assert.Equal(
            [
                new Entry("ops-team", "Ops", "GetBooking", "GET", foreignBooking, TestClients.ForeignCommuneCode, 403),
                new Entry(Portal, "CommunePortal", "CancelBooking", "DELETE", foreignBooking, TestClients.ForeignCommuneCode, 404),
                new Entry(Portal, "CommunePortal", "GetBooking", "GET", foreignBooking, TestClients.ForeignCommuneCode, 404),
                new Entry(Admin, "ProvinceAdmin", "Book", "POST", foreignBooking, TestClients.ForeignCommuneCode, 201),
            ],
            (await AuditOfAsync(foreignBooking)).Items);
    }

    [Fact]
    public async Task An_ID_number_typed_where_an_id_or_commune_code_belongs_is_recorded_as_the_route_not_as_typed()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var admin = Gateway.Http;
        var before = await TotalAsync();

        await HttpJson.ReadProblemAsync(await admin.GetAsync($"/api/v1/bookings/{idNumber}"), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await admin.DeleteAsync($"/api/v1/bookings/{idNumber}"), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await admin.GetAsync(RequestUri(idNumber)), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(await admin.GetAsync(RequestsOf(idNumber)), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(
            await admin.PostAsync(RequestsOf(idNumber), HttpJson.Content(Bodies.Request(TestCitizens.NewIdNumber()))), HttpStatusCode.NotFound);
        await HttpJson.ReadProblemAsync(
            await admin.PostAsync(BookingsOf(idNumber, SessionId(Today.AddDays(1))), HttpJson.Content(Bodies.Booking(TestCitizens.NewIdNumber()))),
            HttpStatusCode.NotFound);

        var trail = await AuditAsync("pageSize=6");
        Assert.Equal(before + 6, trail.Total);
        Assert.Equal(
            [
                new Entry(Admin, "ProvinceAdmin", "Book", "POST", "/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings", null, 404),
                new Entry(Admin, "ProvinceAdmin", "OpenRequest", "POST", "/api/v1/communes/{communeCode}/requests/", null, 404),
                new Entry(Admin, "ProvinceAdmin", "ListRequests", "GET", "/api/v1/communes/{communeCode}/requests/", null, 404),
                new Entry(Admin, "ProvinceAdmin", "GetRequest", "GET", "/api/v1/requests/{requestId}/", null, 404),
                new Entry(Admin, "ProvinceAdmin", "CancelBooking", "DELETE", "/api/v1/bookings/{bookingId}/", null, 404),
                new Entry(Admin, "ProvinceAdmin", "GetBooking", "GET", "/api/v1/bookings/{bookingId}/", null, 404),
            ],
            trail.Items);
        Assert.DoesNotContain(idNumber, (await AuditJsonAsync("pageSize=6")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trail_is_filtered_by_date_client_commune_and_resource_and_paged_with_its_total()
    {
        var helpPoint = await OpenHelpPointAsync(2);
        var day = Today;
        var booking = await BookNewCitizenAsync(helpPoint, SessionId(day.AddDays(1)));
        await GetBookingAsync(booking);
        await HttpJson.ReadAsync(await Gateway.Http.GetAsync($"/api/v1/bookings/{booking}"), HttpStatusCode.OK);
        var resource = $"resource={Uri.EscapeDataString(booking)}";

        var all = await AuditAsync(resource);
        Assert.Equal(["GetBooking", "GetBooking", "Book"], all.Items.Select(entry => entry.Action));
        Assert.Equal(3, all.Total);
        Assert.Equal([all.Items[1]], (await AuditAsync($"{resource}&pageSize=1&page=2")).Items);
        Assert.Equal(3, (await AuditAsync($"{resource}&pageSize=1&page=2")).Total);
        Assert.Empty((await AuditAsync($"{resource}&pageSize=2&page=3")).Items);
        Assert.Equal(all, await AuditAsync($"{resource}&from={DateText(day)}&to={DateText(day)}"));
        Assert.Equal(0, (await AuditAsync($"{resource}&from={DateText(day.AddDays(1))}")).Total);
        Assert.Equal(0, (await AuditAsync($"{resource}&to={DateText(day.AddDays(-1))}")).Total);
        Assert.Equal([all.Items[0]], (await AuditAsync($"{resource}&client={Admin}")).Items);
        Assert.Equal(2, (await AuditAsync($"{resource}&client={Portal}&communeCode={CommuneCode}")).Total);
        Assert.Equal(0, (await AuditAsync($"{resource}&communeCode={TestClients.ForeignCommuneCode}")).Total);

        var page = await AuditJsonAsync("pageSize=500&page=1");
        Assert.Equal(500, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Only_the_province_admin_may_read_the_trail()
    {
        foreach (var client in new[] { TestClients.Ops, TestClients.Portal })
        {
            using var http = Gateway.ClientFor(client);
            await HttpJson.ReadProblemAsync(await http.GetAsync(Audit), HttpStatusCode.Forbidden);
        }

        using var anonymous = Gateway.ClientFor(null);
        await HttpJson.ReadProblemAsync(await anonymous.GetAsync(Audit), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task An_invalid_query_is_refused_naming_the_field(string query, string field) =>
        await HttpJson.ReadValidationProblemAsync(await Gateway.Http.GetAsync($"{Audit}?{query}"), field);

    /// <summary>
    /// The booking and request flow on a morning of its own: the province opens a help point; the portal books
    /// (and is refused a second booking of the same citizen), reads, checks in, books and cancels another, opens,
    /// edits, submits and reads a request, lists the commune's requests, looks the citizen up, and seats a walk-in
    /// once the session runs. Plain reads are mixed in.
    /// </summary>
    private async Task<Flow> RunTheFlowAsync(Citizen citizen, Citizen other)
    {
        var day = Gateway.NextMorning();
        var tonight = SessionId(day);
        var helpPoint = (await HttpJson.ReadAsync(
            await Gateway.Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Content(Bodies.HelpPoint(3))),
            HttpStatusCode.Created)).Text("id");
        await GetSessionsAsync(helpPoint, day, day);
        await GetJsonAsync($"/api/v1/help-points/{helpPoint}");

        var booking = await CreatedAsync(PostAsync(BookingsOf(helpPoint, tonight), new { citizen, serviceCode = Bodies.ServiceCode }));
        await HttpJson.ReadProblemAsync(
            await PostAsync(BookingsOf(helpPoint, tonight), new { citizen, serviceCode = Bodies.ServiceCode }), HttpStatusCode.Conflict);
        await GetBookingAsync(booking);
        await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{booking}/check-in", null), HttpStatusCode.OK);
        var cancelled = await CreatedAsync(PostAsync(BookingsOf(helpPoint, tonight), new { citizen = other, serviceCode = Bodies.ServiceCode }));
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{cancelled}")).StatusCode);

        var request = await CreatedAsync(PostAsync(
            RequestsOf(CommuneCode), new { citizen, serviceCode = Bodies.ServiceCode, bookingId = booking, form = Bodies.BirthForm() }));
        await HttpJson.ReadAsync(await EditFormAsync(request, Bodies.BirthForm()), HttpStatusCode.OK);
        await SubmitAcceptedAsync(request);
        await GetRequestAsync(request);

        var listedBefore = await AuditAsync($"client={Portal}&resource={CommuneCode}&pageSize=1");
        await GetJsonAsync($"{RequestsOf(CommuneCode)}?pageSize=5");
        var listedAfter = await AuditAsync($"client={Portal}&resource={CommuneCode}&pageSize=1");
        Assert.Equal(listedBefore.Total + 1, listedAfter.Total);

        await HttpJson.ReadAsync(await PostAsync("/api/v1/citizens/lookup", new { idNumber = citizen.IdNumber }), HttpStatusCode.OK);

        Gateway.SetLocalTime(new TimeOnly(19, 10));
        var walkIn = await CreatedAsync(PostAsync(WalkInsOf(helpPoint, tonight), new { citizen = other, serviceCode = Bodies.ServiceCode }));
        await GetSessionsAsync(helpPoint, day, day);
        return new Flow(day, citizen.IdNumber, helpPoint, booking, cancelled, walkIn, request, listedAfter.Items);
    }

    private static async Task<string> CreatedAsync(Task<HttpResponseMessage> call) =>
        (await HttpJson.ReadAsync(await call, HttpStatusCode.Created)).Text("id");

    private static Citizen NewCitizen() =>
        new(TestCitizens.NewIdNumber(), "Phan Thị Kín Đáo", "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void AssertAt(DateTimeOffset expected, JsonElement item)
    {
        var at = item.GetProperty("at").GetDateTimeOffset();
        Assert.Equal(expected, at);
        Assert.Equal(VietnamTime.Offset, at.Offset);
    }

    private Task<AuditPage> AuditOfAsync(string resource) => AuditAsync($"resource={Uri.EscapeDataString(resource)}&pageSize=50");

    private async Task<JsonElement> AuditJsonAsync(string query) =>
        await HttpJson.ReadAsync(await Gateway.Http.GetAsync($"{Audit}?{query}"), HttpStatusCode.OK);

    private async Task<AuditPage> AuditAsync(string query)
    {
        var page = await AuditJsonAsync(query);
        var items = page.GetProperty("items").EnumerateArray().Select(item => new Entry(
            item.Text("client"), item.Text("role"), item.Text("action"), item.Text("method"), item.Text("resource"),
            item.TryGetProperty("communeCode", out var commune) ? commune.GetString() : null,
            item.GetProperty("status").GetInt32())).ToList();
        return new AuditPage(items, page.GetProperty("total").GetInt64());
    }

    private async Task<long> TotalAsync() => (await AuditAsync("pageSize=1")).Total;

    /// <summary>Every page of the whole trail, as the text that travelled.</summary>
    private async Task<List<string>> WholeTrailAsync()
    {
        var pages = new List<string>();
        for (var page = 1; ; page++)
        {
            var response = await Gateway.Http.GetAsync($"{Audit}?pageSize=500&page={page}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(text);
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.GetProperty("items").GetArrayLength() < 500)
            {
                return pages;
            }
        }
    }

    private sealed record Citizen(string IdNumber, string FullName, string Phone);

    /// <summary>One entry as the tests compare it: everything but the instant and the trace.</summary>
    private sealed record Entry(string Client, string Role, string Action, string Method, string Resource, string? CommuneCode, int Status);

    private sealed record AuditPage(List<Entry> Items, long Total)
    {
        public bool Equals(AuditPage? other) => other is not null && Total == other.Total && Items.SequenceEqual(other.Items);

        public override int GetHashCode() => HashCode.Combine(Total, Items.Count);
    }

    private sealed record Flow(
        DateOnly Day, string IdNumber, string HelpPoint, string Booking, string Cancelled, string WalkIn, string Request, List<Entry> Listed);
}
