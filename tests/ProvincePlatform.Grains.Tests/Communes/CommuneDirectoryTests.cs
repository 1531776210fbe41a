using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Grains.Tests.Communes;

public sealed class CommuneDirectoryTests
{
    [Fact]
    public void Quang_Nam_register_holds_234_communes_with_Dai_Thanh_in_Dai_Loc()
    {
        var directory = TestRegisters.QuangNam;

        Assert.Equal(234, directory.Count);
        var daiThanh = directory.Find("20527");
        Assert.NotNull(daiThanh);
        Assert.Equal("Xã Đại Thạnh", daiThanh.Name);
        Assert.Equal("Huyện Đại Lộc", daiThanh.DistrictName);
        Assert.Equal("49", daiThanh.ProvinceCode);
    }

    [Fact]
    public void National_register_loads_all_10047_communes_of_63_provinces()
    {
        var directory = TestRegisters.Vietnam;

        Assert.Equal(10_047, directory.Count);
        Assert.Equal(63, directory.Search(null, null).Select(commune => commune.ProvinceCode).Distinct().Count());
        Assert.Equal("Phường Phúc Xá", directory.Find("00001")?.Name);
    }

    [Theory]
    [InlineData("dai thanh")]
    [InlineData("DAI   THANH")]
    [InlineData("Đại Thạnh")]
    [InlineData("đại thạnh")]
    public void Search_finds_Dai_Thanh_with_or_without_diacritics(string query)
    {
        var found = TestRegisters.QuangNam.Search(null, query).Select(commune => commune.Code);

        Assert.Contains("20527", found);
    }

    [Fact]
    public void Search_without_diacritics_finds_every_spelling_and_with_them_only_the_one_typed()
    {
        HashSet<string> Names(string query) => [.. TestRegisters.QuangNam.Search(null, query).Select(commune => commune.Name)];

        Assert.Equal(["Xã Tam Thanh", "Xã Tam Thạnh", "Xã Tam Thành"], Names("tam thanh"));
        Assert.Equal(["Xã Tam Thạnh"], Names("Tam Thạnh"));
    }

    [Fact]
    public void Search_by_district_returns_only_that_districts_communes()
    {
        var daiLoc = TestRegisters.QuangNam.Search("506", null).ToList();

        Assert.NotEmpty(daiLoc);
        Assert.All(daiLoc, commune => Assert.Equal("Huyện Đại Lộc", commune.DistrictName));
        Assert.Contains(daiLoc, commune => commune.Code == "20527");
    }

    [Fact]
    public void A_register_missing_a_column_is_refused_by_name()
    {
        const string csv = "province_code,province_name,district_code,district_name,commune_code,commune_name\n";

        var error = Assert.Throws<InvalidDataException>(() => CommuneCsv.Read(new StringReader(csv), "bad.csv"));

        Assert.Contains("commune_type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_register_with_a_short_line_is_refused_with_its_line_number()
    {
        const string csv = Header + "49,Tỉnh Quảng Nam,506,Huyện Đại Lộc,Huyện,20527,Xã Đại Thạnh,Xã\n49,Tỉnh Quảng Nam,506\n";

        var error = Assert.Throws<InvalidDataException>(() => CommuneCsv.Read(new StringReader(csv), "bad.csv"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas()
    {
        const string csv = Header + "49,Tỉnh Quảng Nam,506,\"Huyện Đại Lộc, cũ\",Huyện,20527,Xã Đại Thạnh,Xã\n";

        var commune = Assert.Single(CommuneCsv.Read(new StringReader(csv), "quoted.csv"));

        Assert.Equal("Huyện Đại Lộc, cũ", commune.DistrictName);
    }

    [Fact]
    public void A_commune_code_listed_twice_is_refused()
    {
        const string csv = Header + "49,Q,506,D,Huyện,20527,A,Xã\n49,Q,506,D,Huyện,20527,B,Xã\n";

        Assert.Throws<InvalidDataException>(() => new CommuneDirectory(CommuneCsv.Read(new StringReader(csv), "twice.csv")));
    }

    private const string Header =
        "province_code,province_name,district_code,district_name,district_type,commune_code,commune_name,commune_type\n";
}
