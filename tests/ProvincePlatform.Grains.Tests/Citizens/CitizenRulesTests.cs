using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Citizens;

namespace ProvincePlatform.Grains.Tests.Citizens;

public sealed class CitizenRulesTests
{
    private static readonly DateOnly s_today = new(2026, 12, 1);

    [Theory]
    [InlineData("049090000123")] // Quảng Nam, male, born 1990
    [InlineData("001301000001")] // Hà Nội, female, born 2001
    [InlineData("096226000001")] // Cà Mau, male, born 2026 (this year)
    public void Valid_CCCD_numbers_are_accepted(string idNumber) =>
        Assert.Null(CitizenRules.CheckIdNumber(idNumber, s_today));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("04909000012")]   // 11 digits
    [InlineData("0490900001234")] // 13 digits
    [InlineData("04909000012a")]  // not a digit
    [InlineData("003090000123")]  // 003 is no province
    [InlineData("149090000123")]  // province codes are zero-padded to three digits
    [InlineData("049227000123")]  // born 2027: in the future
    [InlineData("049490000123")]  // born 2190: in the future
    public void Invalid_CCCD_numbers_are_refused(string? idNumber) =>
        Assert.NotNull(CitizenRules.CheckIdNumber(idNumber, s_today));

    [Fact]
    public void The_refusal_of_an_ID_number_never_repeats_it()
    {
        const string idNumber = "049227000123";

        Assert.DoesNotContain(idNumber, CitizenRules.CheckIdNumber(idNumber, s_today)!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0905123456")]
    [InlineData("+84905123456")]
    [InlineData("0398765432")]
    public void Vietnamese_mobile_numbers_are_accepted(string phone) => Assert.Null(CitizenRules.CheckPhone(phone));

    [Theory]
    [InlineData(null)]
    [InlineData("0205123456")]   // 2 is a landline prefix
    [InlineData("090512345")]    // too short
    [InlineData("09051234567")]  // too long
    [InlineData("84905123456")]  // missing +
    [InlineData("+8490512345a")]
    public void Other_phone_numbers_are_refused(string? phone) => Assert.NotNull(CitizenRules.CheckPhone(phone));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Nguyễn\u0000Văn A")]
    public void Empty_names_and_control_characters_are_refused(string name) =>
        Assert.NotNull(CitizenRules.CheckFullName(name));

    [Fact]
    public void Names_are_limited_to_100_characters()
    {
        Assert.Null(CitizenRules.CheckFullName(new string('a', 100)));
        Assert.NotNull(CitizenRules.CheckFullName(new string('a', 101)));
    }

    [Fact]
    public void Normalize_stores_names_in_NFC_and_phones_in_international_form()
    {
        var decomposed = "Nguye\u0302\u0303n Va\u0306n A";

        var citizen = CitizenRules.Normalize(new Citizen("049090000123", decomposed, "0905123456"));

        Assert.Equal("Nguyễn Văn A", citizen.FullName);
        Assert.Equal("+84905123456", citizen.Phone);
    }

    [Fact]
    public void Masking_keeps_only_the_last_three_digits() =>
        Assert.Equal("*********123", CitizenRules.MaskIdNumber("049090000123"));

    [Fact]
    public void A_citizen_record_never_prints_its_personal_data()
    {
        var text = new Citizen("049090000123", "Nguyễn Văn A", "0905123456").ToString();

        Assert.DoesNotContain("049090000123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0905123456", text, StringComparison.Ordinal);
    }
}
