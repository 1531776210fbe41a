using System.Net;
using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Requests;

/// <summary>Each test lists a commune in which no other test opens requests, so that totals are exact.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RequestListTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task A_commune_lists_its_requests_newest_first_in_a_page_with_the_total()
    {
        const string communeCode = "20503";
        var older = await OpenDraftAsync(communeCode: communeCode);
        Gateway.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await OpenDraftAsync(communeCode: communeCode);
        await OpenDraftAsync(communeCode: "20506");

        var page = await GetJsonAsync(RequestsOf(communeCode));

        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal([newer, older], IdsOf(page));
        var item = page.GetProperty("items")[0];
        Assert.Equal(communeCode, item.Text("communeCode"));
        Assert.Equal(Bodies.ServiceCode, item.Text("serviceCode"));
        Assert.Equal("draft", item.Text("status"));
        Assert.Equal(Gateway.Clock.GetUtcNow(), item.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(item.TryGetProperty("citizen", out _));
    }

    [Fact]
    public async Task Requests_are_filtered_by_status_and_by_local_creation_date()
    {
        const string communeCode = "20509";
        var firstDay = Gateway.NextMorning();
        var a = await OpenDraftAsync(communeCode: communeCode);
        var b = await OpenDraftAsync(communeCode: communeCode);
        var secondDay = Gateway.NextMorning();
        var c = await OpenDraftAsync(communeCode: communeCode);
        await SubmitAcceptedAsync(c);
        await DriveUntilAsync(c, "submitted");
        var (first, second) = (DateText(firstDay), DateText(secondDay));
        var drafts = new[] { a, b }.Order(StringComparer.Ordinal);

        Assert.Equal([c], IdsOf(await ListAsync(communeCode, "status=submitted")));
        Assert.Equal(drafts, IdsOf(await ListAsync(communeCode, "status=draft")).Order(StringComparer.Ordinal));
        Assert.Empty(IdsOf(await ListAsync(communeCode, "status=completed")));
        Assert.Equal([c], IdsOf(await ListAsync(communeCode, $"from={second}")));
        Assert.Equal(drafts, IdsOf(await ListAsync(communeCode, $"to={first}")).Order(StringComparer.Ordinal));
        Assert.Equal(3, (await ListAsync(communeCode, $"from={first}&to={second}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ListAsync(communeCode, $"status=draft&from={second}&to={second}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ListAsync(communeCode, $"to={DateText(firstDay.AddDays(-1))}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Pages_split_the_list_and_keep_the_total()
    {
        const string communeCode = "20512";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await OpenDraftAsync(communeCode: communeCode));
            Gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var pages = new[] { await ListAsync(communeCode, "pageSize=2"), await ListAsync(communeCode, "page=2&pageSize=2"), await ListAsync(communeCode, "page=3&pageSize=2") };
        var beyond = await ListAsync(communeCode, "page=4&pageSize=2");

        Assert.Equal([2, 2, 1], pages.Select(page => page.GetProperty("items").GetArrayLength()));
        Assert.All(pages, page => Assert.Equal(5, page.GetProperty("total").GetInt32()));
        Assert.All(pages, page => Assert.Equal(2, page.GetProperty("pageSize").GetInt32()));
        Assert.Equal([1, 2, 3], pages.Select(page => page.GetProperty("page").GetInt32()));
        Assert.Equal(Enumerable.Reverse(ids), pages.SelectMany(IdsOf));
        Assert.Empty(IdsOf(beyond));
        Assert.Equal(5, beyond.GetProperty("total").GetInt32());
        Assert.Equal(5, (await ListAsync(communeCode, "pageSize=100")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("status=unknown", "status")]
    [InlineData("status=", "status")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=01/12/2026", "from")]
    [InlineData("to=2026-12-1", "to")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-12-10&to=2026-12-01", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("page=1.5", "page")]
    public async Task A_bad_filter_is_400_naming_it(string query, string field)
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"{RequestsOf(CommuneCode)}?{query}"), field);
    }

    [Fact]
    public async Task Several_bad_filters_are_all_named_at_once()
    {
        var problem = await HttpJson.ReadValidationProblemAsync(
            await Http.GetAsync($"{RequestsOf(CommuneCode)}?status=lost&from=never&page=0&pageSize=101"), "status");

        HttpJson.AssertNames(problem, "from");
        HttpJson.AssertNames(problem, "page");
        HttpJson.AssertNames(problem, "pageSize");
    }

    [Fact]
    public async Task Listing_the_requests_of_an_unknown_commune_is_404()
    {
        await HttpJson.ReadProblemAsync(await Http.GetAsync(RequestsOf("99999")), HttpStatusCode.NotFound, "commune-not-found");
    }

    private Task<JsonElement> ListAsync(string communeCode, string query) => GetJsonAsync($"{RequestsOf(communeCode)}?{query}");

    private static string[] IdsOf(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(item => item.Text("id"))];
}
