using System.Net;
using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Communes;

[Collection(GatewayCollection.Name)]
public sealed class CommunesApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    /// <summary>Communes in deploy/seed/quang-nam-communes.csv, the register the fixture loads.</summary>
    private const int QuangNamCommunes = 234;

    private const string DaiLocDistrict = "506";

    [Fact]
    public async Task Listing_communes_returns_the_whole_register_with_the_contract_fields()
    {
        var communes = await ListAsync("/api/v1/communes");

        Assert.Equal(QuangNamCommunes, communes.Length);
        Assert.Equal(QuangNamCommunes, communes.Select(commune => commune.Text("code")).Distinct().Count());
        var daiThanh = Assert.Single(communes, commune => commune.Text("code") == CommuneCode);
        Assert.Equal("Xã Đại Thạnh", daiThanh.Text("name"));
        Assert.Equal("Xã", daiThanh.Text("type"));
        Assert.Equal(DaiLocDistrict, daiThanh.Text("districtCode"));
        Assert.Equal("Huyện Đại Lộc", daiThanh.Text("districtName"));
        Assert.Equal(JsonValueKind.Number, daiThanh.GetProperty("helpPointCount").ValueKind);
        Assert.False(string.IsNullOrEmpty(daiThanh.Text("rolloutStage")));
    }

    [Fact]
    public async Task Listing_communes_of_a_district_returns_only_that_district()
    {
        var communes = await ListAsync($"/api/v1/communes?district={DaiLocDistrict}");

        Assert.InRange(communes.Length, 2, QuangNamCommunes - 1);
        Assert.All(communes, commune => Assert.Equal(DaiLocDistrict, commune.Text("districtCode")));
        Assert.Contains(communes, commune => commune.Text("code") == CommuneCode);
    }

    [Theory]
    [InlineData("dai thanh")]
    [InlineData("DAI  THANH")]
    [InlineData("Đại Thạnh")]
    [InlineData("xã đại thạnh")]
    public async Task Searching_by_name_finds_Dai_Thanh_with_or_without_diacritics(string query)
    {
        var communes = await ListAsync($"/api/v1/communes?q={Uri.EscapeDataString(query)}");

        var found = Assert.Single(communes);
        Assert.Equal(CommuneCode, found.Text("code"));
        Assert.Equal("Xã Đại Thạnh", found.Text("name"));
    }

    [Fact]
    public async Task Searching_with_diacritics_respects_them()
    {
        // "Đại Thành" differs from "Đại Thạnh" only by its tone mark.
        var communes = await ListAsync($"/api/v1/communes?q={Uri.EscapeDataString("Đại Thành")}");

        Assert.DoesNotContain(communes, commune => commune.Text("code") == CommuneCode);
    }

    [Fact]
    public async Task Searching_within_a_district_applies_both_filters()
    {
        // Of the many "Đại" communes of the province, Hội An (503) has only Phường Cửa Đại.
        var communes = await ListAsync("/api/v1/communes?district=503&q=dai");

        var found = Assert.Single(communes);
        Assert.Equal("20416", found.Text("code"));
        Assert.Equal("503", found.Text("districtCode"));
    }

    [Fact]
    public async Task Getting_a_commune_returns_it()
    {
        var commune = await GetJsonAsync($"/api/v1/communes/{CommuneCode}");

        Assert.Equal(CommuneCode, commune.Text("code"));
        Assert.Equal("Xã Đại Thạnh", commune.Text("name"));
        Assert.Equal("Huyện Đại Lộc", commune.Text("districtName"));
    }

    [Fact]
    public async Task A_communes_helpPointCount_counts_the_help_points_opened_in_it()
    {
        // Xã Đại Chánh: no other test opens help points here, but the count is compared before and after anyway.
        const string communeCode = "20530";
        var before = (await GetJsonAsync($"/api/v1/communes/{communeCode}")).GetProperty("helpPointCount").GetInt32();

        await OpenHelpPointInAsync(communeCode, Bodies.HelpPoint(3));
        await OpenHelpPointInAsync(communeCode, Bodies.HelpPoint(4));

        var commune = await GetJsonAsync($"/api/v1/communes/{communeCode}");
        Assert.Equal(before + 2, commune.GetProperty("helpPointCount").GetInt32());
        var listed = Assert.Single(await ListAsync($"/api/v1/communes?district={DaiLocDistrict}"), c => c.Text("code") == communeCode);
        Assert.Equal(before + 2, listed.GetProperty("helpPointCount").GetInt32());
    }

    [Fact]
    public async Task Getting_an_unknown_commune_is_404()
    {
        await HttpJson.ReadProblemAsync(await Http.GetAsync("/api/v1/communes/99999"), HttpStatusCode.NotFound, "commune-not-found");
    }

    [Fact]
    public async Task Listing_an_unknown_district_is_400_naming_district()
    {
        var problem = await HttpJson.ReadValidationProblemAsync(await Http.GetAsync("/api/v1/communes?district=999"), "district");

        Assert.Equal(HttpJson.ProblemTypePrefix + "validation", problem.Text("type"));
    }

    [Fact]
    public async Task A_search_over_100_characters_is_400_naming_q()
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"/api/v1/communes?q={new string('a', 101)}"), "q");
    }

    private async Task<JsonElement[]> ListAsync(string uri) => [.. (await GetJsonAsync(uri)).EnumerateArray()];
}
