using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Requests;

/// <summary>Opening, reading and editing citizen requests; filing them is <see cref="SubmissionTests"/>.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RequestsApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    /// <summary>In <see cref="InvalidFields"/>, the member is left out of the body.</summary>
    private const string? Absent = null;

    public static TheoryData<string, string?> InvalidFields => new()
    {
        { "citizen", Absent },
        { "citizen", "null" },
        { "citizen", "\"049090123456\"" },
        { "citizen.idNumber", "\"123\"" },
        { "citizen.idNumber", "\"049299123456\"" },
        { "citizen.idNumber", "49090123456" },
        { "citizen.fullName", "\" \"" },
        { "citizen.phone", "\"0123456789\"" },
        { "serviceCode", Absent },
        { "serviceCode", "\"passport\"" },
        { "serviceCode", "7" },
        { "bookingId", "12" },
        { "bookingId", JsonEdits.Quoted(new string('b', 101)) },
        // Form fields: not on the service's form, of the wrong shape, blank, or not a JSON string.
        { "form.eyeColour", "\"brown\"" },
        { "form.childBirthDate", "\"20/11/2026\"" },
        { "form.childBirthDate", "\"2026-02-30\"" },
        { "form.childSex", "\"boy\"" },
        { "form.childFullName", "\"  \"" },
        { "form.childFullName", JsonEdits.Quoted(new string('A', 101)) },
        { "form.childFullName", "5" },
        { "form.childFullName", "true" },
        { "form.childFullName", "[\"Nguyễn Minh An\"]" },
        { "form.childFullName", "{\"given\": \"An\"}" },
        { "form", "[]" },
        { "form", "\"childFullName=An\"" },
        { "form", "3" },
        { "status", "\"completed\"" },
    };

    [Fact]
    public async Task Opening_a_request_is_201_draft_with_Location()
    {
        var response = await OpenRequestAsync(CommuneCode, Bodies.Request(TestCitizens.NewIdNumber()));

        var opened = await HttpJson.ReadAsync(response, HttpStatusCode.Created);
        var id = opened.Text("id");
        Assert.StartsWith(CommuneCode + "-r", id, StringComparison.Ordinal);
        Assert.Equal("draft", opened.Text("status"));
        Assert.Equal(RequestUri(id), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_draft_may_be_opened_with_an_incomplete_form_or_none()
    {
        var partial = new Dictionary<string, string> { ["childFullName"] = "Nguyễn Minh An" };

        var withPart = await GetRequestAsync(await OpenDraftAsync(form: partial));
        var body = JsonEdits.ToObject(Bodies.Request(TestCitizens.NewIdNumber()));
        JsonEdits.Change(body, "form", Absent);
        var withNone = await HttpJson.ReadAsync(await Http.PostAsync(RequestsOf(CommuneCode), HttpJson.Raw(body.ToJsonString())), HttpStatusCode.Created);

        Assert.Equal("Nguyễn Minh An", withPart.GetProperty("form").Text("childFullName"));
        Assert.Empty((await GetRequestAsync(withNone.Text("id"))).GetProperty("form").EnumerateObject());
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("2052")]
    [InlineData("abcde")]
    public async Task Opening_a_request_in_an_unknown_commune_is_404(string communeCode)
    {
        await HttpJson.ReadProblemAsync(
            await OpenRequestAsync(communeCode, Bodies.Request(TestCitizens.NewIdNumber())), HttpStatusCode.NotFound, "commune-not-found");
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_new_request_is_400_naming_the_field(string path, string? json)
    {
        var body = JsonEdits.ToObject(Bodies.Request(TestCitizens.NewIdNumber()));
        JsonEdits.Change(body, path, json);

        var response = await Http.PostAsync(RequestsOf(CommuneCode), HttpJson.Raw(body.ToJsonString()));

        await HttpJson.ReadValidationProblemAsync(response, path);
    }

    [Fact]
    public async Task Several_invalid_form_fields_are_all_named_at_once()
    {
        var form = Bodies.BirthForm();
        form["childSex"] = "boy";
        form["childBirthDate"] = "tomorrow";
        form["eyeColour"] = "brown";

        var problem = await HttpJson.ReadValidationProblemAsync(
            await OpenRequestAsync(CommuneCode, Bodies.Request(TestCitizens.NewIdNumber(), form)), "form.childSex");

        HttpJson.AssertNames(problem, "form.childBirthDate");
        HttpJson.AssertNames(problem, "form.eyeColour");
    }

    [Fact]
    public async Task A_request_may_name_the_citizens_own_booking_in_its_commune()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var booking = await BookFor(idNumber);

        var id = await OpenDraftAsync(idNumber, bookingId: booking);

        Assert.Equal(booking, (await GetRequestAsync(id)).Text("bookingId"));
    }

    [Fact]
    public async Task A_booking_of_another_citizen_is_400_naming_bookingId()
    {
        var booking = await BookFor(TestCitizens.NewIdNumber());

        var response = await OpenRequestAsync(CommuneCode, Bodies.Request(TestCitizens.NewIdNumber(), bookingId: booking));

        await HttpJson.ReadValidationProblemAsync(response, "bookingId");
    }

    [Fact]
    public async Task A_booking_in_another_commune_or_none_at_all_is_400_naming_bookingId()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var elsewhere = await BookFor(idNumber, await OpenHelpPointInAsync("20533", Bodies.HelpPoint(2)));
        var unknown = $"{await OpenHelpPointAsync(2)}-0123456789";

        await HttpJson.ReadValidationProblemAsync(await OpenRequestAsync(CommuneCode, Bodies.Request(idNumber, bookingId: elsewhere)), "bookingId");
        await HttpJson.ReadValidationProblemAsync(await OpenRequestAsync(CommuneCode, Bodies.Request(idNumber, bookingId: unknown)), "bookingId");
        await HttpJson.ReadValidationProblemAsync(await OpenRequestAsync(CommuneCode, Bodies.Request(idNumber, bookingId: "nope")), "bookingId");
    }

    [Fact]
    public async Task A_request_reads_back_with_its_history_and_the_idNumber_masked()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var id = await OpenDraftAsync(idNumber);

        var response = await Http.GetAsync(RequestUri(id));
        var text = await response.Content.ReadAsStringAsync();
        var request = await HttpJson.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal(id, request.Text("id"));
        Assert.Equal(CommuneCode, request.Text("communeCode"));
        Assert.Equal(Bodies.ServiceCode, request.Text("serviceCode"));
        Assert.Equal("draft", request.Text("status"));
        var entry = Assert.Single(request.GetProperty("history").EnumerateArray());
        Assert.Equal("draft", entry.Text("status"));
        Assert.Equal(Gateway.Clock.GetUtcNow(), entry.GetProperty("at").GetDateTimeOffset());
        Assert.EndsWith("+07:00", entry.Text("at"), StringComparison.Ordinal);
        Assert.False(request.TryGetProperty("portalReceipt", out _));
        Assert.Equal("*********" + idNumber[^3..], request.GetProperty("citizen").Text("idNumber"));
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        Assert.Equal(Bodies.BirthForm()["childFullName"], request.GetProperty("form").Text("childFullName"));
    }

    [Theory]
    [InlineData("20527-r0000000000zz")]
    [InlineData("20533-rabcdefghjkmn")]
    [InlineData("20527-rABCDEFGHJKMN")]
    [InlineData("20527-r00000")]
    [InlineData("20527-x0000000000zz")]
    [InlineData("nope")]
    [InlineData("049090123456")]
    public async Task An_unknown_or_malformed_request_id_is_404_on_every_route(string id)
    {
        await HttpJson.ReadProblemAsync(await Http.GetAsync(RequestUri(id)), HttpStatusCode.NotFound, "request-not-found");
        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.NotFound, "request-not-found");
        await HttpJson.ReadProblemAsync(await SubmitAsync(id), HttpStatusCode.NotFound, "request-not-found");
    }

    [Fact]
    public async Task Editing_a_drafts_form_is_200_and_replaces_the_whole_form()
    {
        var id = await OpenDraftAsync(form: new Dictionary<string, string> { ["fatherFullName"] = "Nguyễn Văn Ba" });
        var form = Bodies.BirthForm();
        form["childFullName"] = "  Nguyễn Minh Khang  ";

        var edited = await HttpJson.ReadAsync(await EditFormAsync(id, form), HttpStatusCode.OK);

        Assert.Equal("draft", edited.Text("status"));
        var stored = (await GetRequestAsync(id)).GetProperty("form");
        Assert.Equal("Nguyễn Minh Khang", stored.Text("childFullName"));
        Assert.False(stored.TryGetProperty("fatherFullName", out _));
        Assert.Equal(form.Count, stored.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("eyeColour", "\"brown\"", "form.eyeColour")]
    [InlineData("childBirthDate", "\"20/11/2026\"", "form.childBirthDate")]
    [InlineData("childSex", "\"boy\"", "form.childSex")]
    [InlineData("childFullName", "\"\"", "form.childFullName")]
    // A value that is not a JSON string fails reading the body; it is named as the form's rules name fields.
    [InlineData("childFullName", "5", "form.childFullName")]
    public async Task An_invalid_form_edit_is_400_naming_the_field_and_changes_nothing(string field, string json, string named)
    {
        var id = await OpenDraftAsync();
        var form = JsonEdits.ToObject(Bodies.BirthForm());
        JsonEdits.Change(form, field, json);

        var response = await Http.PutAsync($"{RequestUri(id)}/form", HttpJson.Raw(form.ToJsonString()));

        await HttpJson.ReadValidationProblemAsync(response, named);
        var stored = (await GetRequestAsync(id)).GetProperty("form");
        Assert.Equal(Bodies.BirthForm().Count, stored.EnumerateObject().Count());
        Assert.Equal(Bodies.BirthForm()["childSex"], stored.Text("childSex"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"form\"")]
    [InlineData("{")]
    public async Task An_unreadable_form_edit_is_400(string json)
    {
        var id = await OpenDraftAsync();

        var problem = await HttpJson.ReadProblemAsync(
            await Http.PutAsync($"{RequestUri(id)}/form", HttpJson.Raw(json)), HttpStatusCode.BadRequest);

        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"No errors in {problem}");
    }

    private async Task<string> BookFor(string idNumber, string? helpPointId = null)
    {
        var booked = await HttpJson.ReadAsync(
            await BookAsync(helpPointId ?? await OpenHelpPointAsync(2), SessionId(Today.AddDays(1)), idNumber), HttpStatusCode.Created);
        return booked.Text("id");
    }
}
