using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Contracts.Citizens;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Citizens;

[Collection(GatewayCollection.Name)]
public sealed class CitizenLookupTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string Lookup = "/api/v1/citizens/lookup";

    /// <summary>In <see cref="InvalidBodies"/>, the member is left out of the body.</summary>
    private const string? Absent = null;

    public static TheoryData<string, string?> InvalidBodies => new()
    {
        { "idNumber", Absent },
        { "idNumber", "null" },
        { "idNumber", "\"\"" },
        { "idNumber", "\"123\"" },
        { "idNumber", "\"0490901234567\"" },
        { "idNumber", "\"04909012345a\"" },
        { "idNumber", "\"003090123456\"" },
        { "idNumber", "\"049299123456\"" },
        { "idNumber", "49090123456" },
        { "idNumber", "[\"049090123456\"]" },
        { "fullName", "\"Nguyễn Thị Thu\"" },
    };

    [Fact]
    public async Task Looking_up_a_citizen_also_finds_what_their_citizen_grain_indexed_before_the_index_was_a_table()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var helpPointId = await OpenHelpPointAsync(2);
        var earlier = (await HttpJson.ReadAsync(await BookAsync(helpPointId, SessionId(Today.AddDays(1)), TestCitizens.NewIdNumber()), HttpStatusCode.Created)).Text("id");
        var citizenKey = Gateway.Services.GetRequiredService<CitizenKeys>().KeyOf(idNumber);
        await Gateway.Grains.GetGrain<ICitizenGrain>(citizenKey).RecordBookingAsync(earlier);
        var later = (await HttpJson.ReadAsync(await BookAsync(helpPointId, SessionId(Today.AddDays(2)), idNumber), HttpStatusCode.Created)).Text("id");

        var found = await HttpJson.ReadAsync(await PostAsync(Lookup, new { idNumber }), HttpStatusCode.OK);

        Assert.Equal(
            new[] { earlier, later }.Order(StringComparer.Ordinal),
            found.GetProperty("bookings").EnumerateArray().Select(booking => booking.Text("id")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Looking_up_a_citizen_finds_their_booking_masked_and_their_requests()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var helpPointId = await OpenHelpPointAsync(2);
        var session = SessionId(Today.AddDays(1));
        var booking = (await HttpJson.ReadAsync(await BookAsync(helpPointId, session, idNumber), HttpStatusCode.Created)).Text("id");
        var during = await OpenDraftAsync(idNumber, bookingId: booking);
        var filed = await OpenDraftAsync(idNumber);
        await SubmitAcceptedAsync(filed);
        await DriveUntilAsync(filed, "submitted");
        await OpenDraftAsync();
        await BookAsync(helpPointId, session, TestCitizens.NewIdNumber());

        var response = await PostAsync(Lookup, new { idNumber });

        var text = await response.Content.ReadAsStringAsync();
        var found = await HttpJson.ReadAsync(response, HttpStatusCode.OK);
        var placed = Assert.Single(found.GetProperty("bookings").EnumerateArray());
        Assert.Equal(booking, placed.Text("id"));
        Assert.Equal(helpPointId, placed.Text("helpPointId"));
        Assert.Equal(session, placed.Text("sessionId"));
        Assert.Equal("confirmed", placed.Text("status"));
        Assert.Equal("*********" + idNumber[^3..], placed.GetProperty("citizen").Text("idNumber"));
        var requests = found.GetProperty("requests").EnumerateArray().ToDictionary(request => request.Text("id"));
        Assert.Equal(new[] { during, filed }.Order(StringComparer.Ordinal), requests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("draft", requests[during].Text("status"));
        Assert.Equal(booking, requests[during].Text("bookingId"));
        Assert.Equal("submitted", requests[filed].Text("status"));
        Assert.Equal(CommuneCode, requests[filed].Text("communeCode"));
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizen_with_nothing_on_record_is_200_with_no_bookings_and_no_requests()
    {
        var found = await HttpJson.ReadAsync(await PostAsync(Lookup, new { idNumber = TestCitizens.NewIdNumber() }), HttpStatusCode.OK);

        Assert.Empty(found.GetProperty("bookings").EnumerateArray());
        Assert.Empty(found.GetProperty("requests").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_lookup_is_400_naming_the_field_without_echoing_the_number(string path, string? json)
    {
        var body = JsonEdits.ToObject(new { idNumber = TestCitizens.NewIdNumber() });
        JsonEdits.Change(body, path, json);

        var response = await Http.PostAsync(Lookup, HttpJson.Raw(body.ToJsonString()));

        var problem = await HttpJson.ReadValidationProblemAsync(response, path);
        Assert.DoesNotContain("9012345", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"049090123456\"")]
    public async Task A_lookup_without_a_readable_body_is_400_naming_body(string? json)
    {
        var response = await Http.PostAsync(Lookup, json is null ? null : HttpJson.Raw(json));

        await HttpJson.ReadValidationProblemAsync(response, "body");
    }
}
