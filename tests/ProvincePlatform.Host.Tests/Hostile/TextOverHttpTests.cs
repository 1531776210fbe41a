using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>
/// The gateway's text rules over HTTP: text arrives in NFC whatever form it was sent in, a control character or
/// malformed Unicode anywhere is a 400 naming the field (never the 500 that <c>string.Normalize</c> would throw), and
/// the inputs that once caused a 5xx are answered with problem documents.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TextOverHttpTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string ComposedName = "Nhà văn hóa thôn Đông Phú";
    private const string ComposedAddress = "Thôn Đông Phú, xã Đại Thạnh, huyện Đại Lộc";

    [Fact]
    public async Task A_help_point_name_sent_in_NFD_comes_back_in_NFC()
    {
        var decomposed = ComposedName.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(ComposedName, decomposed);
        var body = JsonEdits.ToObject(Bodies.HelpPoint(2));
        body["name"] = decomposed;
        body["address"] = ComposedAddress.Normalize(NormalizationForm.FormD);

        var created = await HttpJson.ReadAsync(
            await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Raw(body.ToJsonString())), HttpStatusCode.Created);
        var read = await GetJsonAsync($"/api/v1/help-points/{created.Text("id")}");

        Assert.Equal(ComposedName, created.Text("name"));
        Assert.Equal(ComposedName, read.Text("name"));
        Assert.Equal(ComposedAddress, read.Text("address"));
    }

    [Fact]
    public async Task A_full_name_sent_in_NFD_is_stored_in_NFC()
    {
        var id = await OpenHelpPointAsync(2);
        var body = JsonEdits.ToObject(Bodies.Booking(TestCitizens.NewIdNumber()));
        JsonEdits.Change(body, "citizen.fullName", JsonEdits.Quoted(Bodies.FullName.Normalize(NormalizationForm.FormD)));

        var placed = await HttpJson.ReadAsync(
            await Http.PostAsync(BookingsOf(id, SessionId(Today.AddDays(1))), HttpJson.Raw(body.ToJsonString())), HttpStatusCode.Created);

        Assert.Equal(Bodies.FullName, (await GetBookingAsync(placed.Text("id"))).GetProperty("citizen").Text("fullName"));
    }

    [Theory]
    [InlineData("Nguyễn\\u0000Thu")]
    [InlineData("Nguyễn\\tThu")]
    [InlineData("Nguyễn Thu\\n")]
    [InlineData("\\r\\nNguyễn Thu")]
    [InlineData("Nguyễn\\u001bThu")]
    [InlineData("Nguyễn\\u007fThu")]
    [InlineData("Nguyễn\\u0085Thu")]
    [InlineData("Nguyễn\\u009fThu")]
    [InlineData("Nguyễn\\u202eThu")]
    public async Task A_full_name_with_a_control_character_is_400_naming_citizen_fullName(string escapedName)
    {
        var id = await OpenHelpPointAsync(2);
        var body = $$"""{"citizen": {"idNumber": "{{TestCitizens.NewIdNumber()}}", "fullName": "{{escapedName}}", "phone": "{{Bodies.Phone}}"}, "serviceCode": "{{Bodies.ServiceCode}}"}""";

        var response = await Http.PostAsync(BookingsOf(id, SessionId(Today.AddDays(1))), HttpJson.Raw(body));

        await HttpJson.ReadValidationProblemAsync(response, "citizen.fullName");
    }

    [Theory]
    [InlineData("help point", "name")]
    [InlineData("help point", "address")]
    [InlineData("closure", "reason")]
    [InlineData("booking", "citizen.fullName")]
    [InlineData("request", "citizen.fullName")]
    [InlineData("request", "form.childFullName")]
    [InlineData("form", "form.birthPlace")]
    public async Task A_noncharacter_that_string_Normalize_throws_on_is_400_naming_the_field(string target, string field)
    {
        // U+FFFE as raw UTF-8: valid JSON, and text that string.Normalize refuses with an ArgumentException.
        const string Placeholder = "NONCHARACTER";
        var (uri, body) = await TargetAsync(target);
        JsonEdits.Change(body, target == "form" ? field["form.".Length..] : field, JsonEdits.Quoted(Placeholder));
        var json = body.ToJsonString().Replace(Placeholder, "a\uFFFEb", StringComparison.Ordinal);

        var response = await SendAsync(target, uri, HttpJson.Raw(json));

        await HttpJson.ReadValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task A_form_value_or_name_with_a_control_character_is_400()
    {
        var requestId = await OpenDraftAsync();

        await HttpJson.ReadValidationProblemAsync(
            await Http.PutAsync($"{RequestUri(requestId)}/form", HttpJson.Raw("""{"childFullName": "Nguyễn\u0007An"}""")), "form.childFullName");
        await HttpJson.ReadValidationProblemAsync(
            await OpenRequestAsync(CommuneCode, Bodies.Request(TestCitizens.NewIdNumber(), new Dictionary<string, string> { ["birthPlace"] = "Trạm y tế\n" })),
            "form.birthPlace");
        await HttpJson.ReadProblemAsync(
            await Http.PutAsync($"{RequestUri(requestId)}/form", HttpJson.Raw("""{"child\u0000FullName": "An"}""")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Script_and_SQL_fragments_in_free_text_are_kept_as_text()
    {
        const string Fragments = "<script>alert(1)</script> ' OR 1=1 -- ${jndi:ldap://x/a} ../../etc/passwd";
        var id = await OpenHelpPointAsync(2);
        var body = JsonEdits.ToObject(Bodies.HelpPoint(2));
        body["name"] = Fragments;
        body["address"] = Fragments;

        await HttpJson.ReadAsync(await PutAsync($"/api/v1/help-points/{id}", body), HttpStatusCode.OK);

        var read = await GetJsonAsync($"/api/v1/help-points/{id}");
        Assert.Equal(Fragments, read.Text("name"));
        Assert.Equal(Fragments, read.Text("address"));
    }

    [Fact]
    public async Task A_repeated_member_is_400()
    {
        var body = JsonEdits.ToObject(Bodies.HelpPoint(2)).ToJsonString();
        var repeated = "{\"computers\": 3, " + body[1..];

        var problem = await HttpJson.ReadProblemAsync(
            await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Raw(repeated)), HttpStatusCode.BadRequest);

        HttpJson.AssertNames(problem, "computers");
    }

    [Fact]
    public async Task Two_kinds_at_once_are_400_naming_kind()
    {
        var body = JsonEdits.ToObject(Bodies.HelpPoint(2));
        body["kind"] = "villageHouse, other";

        await HttpJson.ReadValidationProblemAsync(
            await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Raw(body.ToJsonString())), "kind");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("nonsense")]
    [InlineData("ebcdic-cp-us")]
    [InlineData("\"\"")]
    public async Task JSON_in_a_charset_that_cannot_be_decoded_is_415(string charset)
    {
        using var content = new ByteArrayContent("{\"idNumber\": \"049090000001\"}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        await HttpJson.ReadProblemAsync(await Http.PostAsync("/api/v1/citizens/lookup", content), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("%EF%BF%BE")]
    [InlineData("%EF%BF%BF")]
    [InlineData("a%00")]
    [InlineData("%E2%80%AE")]
    public async Task A_search_for_malformed_text_is_400_naming_q(string q)
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"/api/v1/communes?q={q}"), "q");
    }

    [Theory]
    [InlineData("page", "1%00")]
    [InlineData("page", "%2B1")]
    [InlineData("page", "%EF%BC%91")]
    [InlineData("pageSize", "20%00%00")]
    public async Task A_page_number_that_is_not_plain_digits_is_400_naming_it(string name, string value)
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"{RequestsOf(CommuneCode)}?{name}={value}"), name);
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("key\u202E")]
    [InlineData("key\u0085")]
    public async Task An_Idempotency_Key_that_is_not_clean_text_is_400_naming_it(string key)
    {
        var requestId = await OpenDraftAsync();
        using var http = Gateway.ClientFor(TestClients.Admin, new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"{RequestUri(requestId)}/submit");
        submit.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await HttpJson.ReadValidationProblemAsync(await http.SendAsync(submit), "Idempotency-Key");
        Assert.Equal("draft", (await GetRequestAsync(requestId)).Text("status"));
    }

    private async Task<(string Uri, JsonObject Body)> TargetAsync(string target) => target switch
    {
        "help point" => ($"/api/v1/communes/{CommuneCode}/help-points", JsonEdits.ToObject(Bodies.HelpPoint(2))),
        "closure" => ($"/api/v1/help-points/{await OpenHelpPointAsync(2)}/closures", JsonEdits.ToObject(Bodies.Closure(Today.AddDays(1)))),
        "booking" => (BookingsOf(await OpenHelpPointAsync(2), SessionId(Today.AddDays(1))), JsonEdits.ToObject(Bodies.Booking(TestCitizens.NewIdNumber()))),
        "request" => (RequestsOf(CommuneCode), JsonEdits.ToObject(Bodies.Request(TestCitizens.NewIdNumber()))),
        "form" => ($"{RequestUri(await OpenDraftAsync())}/form", JsonEdits.ToObject(Bodies.BirthForm())),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    private Task<HttpResponseMessage> SendAsync(string target, string uri, HttpContent content) =>
        target == "form" ? Http.PutAsync(uri, content) : Http.PostAsync(uri, content);
}
