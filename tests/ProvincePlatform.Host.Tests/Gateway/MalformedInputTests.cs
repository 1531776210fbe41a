using System.Net;
using System.Text.Json.Nodes;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Gateway;

/// <summary>
/// Every body the gateway reads, taken from valid to invalid one field at a time: each answer is a 400 problem
/// document whose <c>errors</c> name the field, never a 5xx.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MalformedInputTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string HelpPoint = "help point";
    private const string HelpPointUpdate = "help point update";
    private const string Booking = "booking";
    private const string WalkIn = "walk-in";
    private const string Closure = "closure";

    /// <summary>In <see cref="InvalidFields"/>, the field is left out of the body.</summary>
    private const string? Absent = null;

    public static TheoryData<string, string, string?> InvalidFields => new()
    {
        // Help points: missing, wrong type, out of range, unknown.
        { HelpPoint, "name", Absent },
        { HelpPoint, "name", "5" },
        { HelpPoint, "name", "\"   \"" },
        { HelpPoint, "name", Quoted(new string('a', 201)) },
        { HelpPoint, "kind", Absent },
        { HelpPoint, "kind", "\"palace\"" },
        { HelpPoint, "kind", "1" },
        { HelpPoint, "address", Absent },
        { HelpPoint, "computers", Absent },
        { HelpPoint, "computers", "null" },
        { HelpPoint, "computers", "\"three\"" },
        { HelpPoint, "computers", "2.5" },
        { HelpPoint, "computers", "99999999999" },
        { HelpPoint, "computers", "0" },
        { HelpPoint, "computers", "201" },
        { HelpPoint, "openingHours", Absent },
        { HelpPoint, "openingHours", "[]" },
        { HelpPoint, "openingHours", "{}" },
        { HelpPoint, "openingHours[0]", "null" },
        { HelpPoint, "openingHours[0].days", Absent },
        { HelpPoint, "openingHours[0].days", "[]" },
        { HelpPoint, "openingHours[0].days", "[\"mon\", \"mon\"]" },
        { HelpPoint, "openingHours[0].days[0]", "\"monday\"" },
        { HelpPoint, "openingHours[0].days[0]", "1" },
        { HelpPoint, "openingHours[0].start", Absent },
        { HelpPoint, "openingHours[0].start", "\"7:00\"" },
        { HelpPoint, "openingHours[0].start", "\"07:00:00\"" },
        { HelpPoint, "openingHours[0].end", Absent },
        { HelpPoint, "openingHours[0].end", "\"18:00\"" },
        { HelpPoint, "openingHours[0].end", "\"24:00\"" },
        { HelpPoint, "openingHours[0].end", "1900" },
        { HelpPoint, "openingHours[0].slotMinutes", "5" },
        { HelpPoint, "openingHours[0].slotMinutes", "61" },
        { HelpPoint, "openingHours[0].colour", "\"red\"" },
        { HelpPoint, "colour", "\"red\"" },
        { HelpPointUpdate, "computers", Absent },
        { HelpPointUpdate, "openingHours[0].end", Absent },
        { HelpPointUpdate, "kind", "\"palace\"" },

        // Bookings and walk-ins: the citizen, the service and the waitlist flag.
        { Booking, "citizen", Absent },
        { Booking, "citizen", "null" },
        { Booking, "citizen", "\"049090123456\"" },
        { Booking, "citizen.idNumber", Absent },
        { Booking, "citizen.idNumber", "\"\"" },
        { Booking, "citizen.idNumber", "49090123456" },
        { Booking, "citizen.idNumber", "\"04909012345\"" },
        { Booking, "citizen.idNumber", "\"0490901234567\"" },
        { Booking, "citizen.idNumber", "\"04909012345a\"" },
        { Booking, "citizen.idNumber", "\"003090123456\"" },
        { Booking, "citizen.idNumber", "\"149090123456\"" },
        { Booking, "citizen.idNumber", "\"049299123456\"" },
        { Booking, "citizen.fullName", Absent },
        { Booking, "citizen.fullName", "\" \"" },
        { Booking, "citizen.fullName", Quoted(new string('A', 101)) },
        { Booking, "citizen.fullName", Quoted("Nguyễn\u0007Thu") },
        { Booking, "citizen.phone", Absent },
        { Booking, "citizen.phone", "905123456" },
        { Booking, "citizen.phone", "\"12345\"" },
        { Booking, "citizen.phone", "\"0123456789\"" },
        { Booking, "citizen.phone", "\"+8490512345\"" },
        { Booking, "citizen.phone", "\"0905 123 456\"" },
        { Booking, "citizen.nickname", "\"Thu\"" },
        { Booking, "serviceCode", Absent },
        { Booking, "serviceCode", "\"passport\"" },
        { Booking, "waitlist", "\"yes\"" },
        { Booking, "waitlist", "1" },
        { Booking, "position", "1" },
        { WalkIn, "citizen.idNumber", "\"049299123456\"" },
        { WalkIn, "citizen.phone", "\"12345\"" },
        { WalkIn, "waitlist", "true" },

        // Closures.
        { Closure, "date", Absent },
        { Closure, "date", "\"01/12/2026\"" },
        { Closure, "date", "\"2026-12-01T00:00:00\"" },
        { Closure, "date", "20261201" },
        { Closure, "date", "\"0001-01-01\"" },
        { Closure, "date", "\"9999-12-31\"" },
        { Closure, "reason", Absent },
        { Closure, "reason", "\"\"" },
        { Closure, "reason", Quoted(new string('r', 201)) },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_400_naming_it(string target, string path, string? json)
    {
        var body = ValidBody(target);
        Change(body, path, json);

        var response = await SendAsync(target, HttpJson.Raw(body.ToJsonString()));

        await HttpJson.ReadValidationProblemAsync(response, path);
    }

    [Theory]
    [InlineData(HelpPoint, "name", "Nh\\uD800")]
    [InlineData(HelpPoint, "address", "\\uDC00Th")]
    [InlineData(HelpPointUpdate, "name", "\\uDFFF")]
    [InlineData(Booking, "citizen.fullName", "Nguy\\uD800n")]
    [InlineData(WalkIn, "citizen.fullName", "\\uDBFF")]
    [InlineData(Closure, "reason", "\\uD800\\uD800")]
    public async Task Text_with_a_lone_surrogate_is_400_naming_the_field(string target, string path, string escaped)
    {
        // A lone surrogate is valid JSON escaping but no Unicode text; it is written raw, as no serializer would.
        const string Placeholder = "LONE-SURROGATE";
        var body = ValidBody(target);
        Change(body, path, Quoted(Placeholder));

        var response = await SendAsync(target, HttpJson.Raw(body.ToJsonString().Replace(Placeholder, escaped, StringComparison.Ordinal)));

        await HttpJson.ReadValidationProblemAsync(response, path);
    }

    [Theory]
    [InlineData(HelpPoint, "{", "body")]
    [InlineData(HelpPoint, "{\"name\": \"Điểm A\", \"computers\": 3", null)]
    [InlineData(HelpPoint, "hello", "body")]
    [InlineData(HelpPoint, "null", "body")]
    [InlineData(HelpPoint, "", "body")]
    [InlineData(HelpPoint, "[]", "body")]
    [InlineData(HelpPoint, "\"text\"", "body")]
    [InlineData(HelpPoint, "{\"name\": \"a\",}", null)]
    [InlineData(HelpPoint, "{/* note */ \"name\": \"a\"}", null)]
    [InlineData(HelpPoint, "{'name': 'a'}", null)]
    [InlineData(HelpPoint, "{\"computers\": 3}}", null)]
    [InlineData(HelpPointUpdate, "{\"name\": ", null)]
    [InlineData(HelpPointUpdate, "null", "body")]
    [InlineData(Booking, "{\"citizen\": {\"idNumber\": \"049090123456\"", null)]
    [InlineData(Booking, "null", "body")]
    [InlineData(Booking, "", "body")]
    [InlineData(WalkIn, "{\"citizen\": ", null)]
    [InlineData(WalkIn, "", "body")]
    [InlineData(Closure, "{\"date\": \"2026-12-24\"", null)]
    [InlineData(Closure, "null", "body")]
    public async Task An_unreadable_body_is_400(string target, string json, string? field)
    {
        var problem = await HttpJson.ReadProblemAsync(await SendAsync(target, HttpJson.Raw(json)), HttpStatusCode.BadRequest);

        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"No errors in {problem}");
        if (field is not null)
        {
            HttpJson.AssertNames(problem, field);
        }
    }

    [Theory]
    [InlineData(HelpPoint)]
    [InlineData(HelpPointUpdate)]
    [InlineData(Booking)]
    [InlineData(WalkIn)]
    [InlineData(Closure)]
    public async Task A_request_without_a_body_is_400_naming_body(string target)
    {
        await HttpJson.ReadValidationProblemAsync(await SendAsync(target, content: null), "body");
    }

    [Fact]
    public async Task Several_invalid_fields_are_all_named_at_once()
    {
        var body = ValidBody(Booking);
        Change(body, "citizen.idNumber", "\"123\"");
        Change(body, "citizen.phone", "\"123\"");
        Change(body, "citizen.fullName", Absent);
        Change(body, "serviceCode", "\"nothing\"");

        var problem = await HttpJson.ReadValidationProblemAsync(await SendAsync(Booking, HttpJson.Raw(body.ToJsonString())), "citizen.idNumber");

        HttpJson.AssertNames(problem, "citizen.phone");
        HttpJson.AssertNames(problem, "citizen.fullName");
        HttpJson.AssertNames(problem, "serviceCode");
    }

    [Fact]
    public async Task Values_at_the_limits_are_accepted()
    {
        var helpPoint = ValidBody(HelpPoint);
        Change(helpPoint, "computers", "200");
        Change(helpPoint, "name", Quoted(new string('n', 200)));
        var id = await OpenHelpPointInAsync(CommuneCode, helpPoint);
        Change(helpPoint, "computers", "1");
        await HttpJson.ReadAsync(await Http.PutAsync($"/api/v1/help-points/{id}", HttpJson.Raw(helpPoint.ToJsonString())), HttpStatusCode.OK);

        var booking = ValidBody(Booking);
        Change(booking, "citizen.fullName", Quoted(new string('A', 100)));
        Change(booking, "citizen.phone", "\"+84905123456\"");
        var placed = await HttpJson.ReadAsync(
            await Http.PostAsync(BookingsOf(id, SessionId(Today.AddDays(1))), HttpJson.Raw(booking.ToJsonString())), HttpStatusCode.Created);
        Assert.Equal(new string('A', 100), (await GetBookingAsync(placed.Text("id"))).GetProperty("citizen").Text("fullName"));
    }

    private JsonObject ValidBody(string target) => JsonEdits.ToObject(target switch
    {
        HelpPoint or HelpPointUpdate => Bodies.HelpPoint(2),
        Booking => Bodies.Booking(TestCitizens.NewIdNumber(), waitlist: true),
        WalkIn => Bodies.WalkIn(TestCitizens.NewIdNumber()),
        Closure => Bodies.Closure(Today.AddDays(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    });

    private async Task<HttpResponseMessage> SendAsync(string target, HttpContent? content) => target switch
    {
        HelpPoint => await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", content),
        HelpPointUpdate => await Http.PutAsync($"/api/v1/help-points/{await OpenHelpPointAsync(2)}", content),
        Booking => await Http.PostAsync(BookingsOf(await OpenHelpPointAsync(2), SessionId(Today.AddDays(1))), content),
        WalkIn => await Http.PostAsync(WalkInsOf(await OpenHelpPointAsync(2), SessionId(Today)), content),
        Closure => await Http.PostAsync($"/api/v1/help-points/{await OpenHelpPointAsync(2)}/closures", content),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    private static void Change(JsonObject body, string path, string? json) => JsonEdits.Change(body, path, json);

    private static string Quoted(string text) => JsonEdits.Quoted(text);
}
