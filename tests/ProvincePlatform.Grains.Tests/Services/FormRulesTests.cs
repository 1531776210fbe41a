using ProvincePlatform.Grains.Services;

namespace ProvincePlatform.Grains.Tests.Services;

public sealed class FormRulesTests
{
    private static readonly PublicService s_birth = ServiceCatalogue.Find("birthRegistration")!;

    [Fact]
    public void The_catalogue_holds_the_seven_services_with_Vietnamese_and_English_names()
    {
        Assert.Equal(
            ["birthRegistration", "temporaryResidence", "permanentResidence", "oldIdConfirmation", "deathRegistration", "marriageRegistration", "criminalRecord"],
            ServiceCatalogue.All.Select(service => service.Code));
        Assert.All(ServiceCatalogue.All, service =>
        {
            Assert.False(string.IsNullOrWhiteSpace(service.Name));
            Assert.False(string.IsNullOrWhiteSpace(service.NameEn));
            Assert.Contains(service.Fields, field => field.Required);
        });
    }

    [Fact]
    public void A_draft_may_be_incomplete_but_a_submission_names_every_missing_required_field()
    {
        var form = new Dictionary<string, string> { ["childFullName"] = "Nguyễn Bé Na" };

        Assert.Empty(FormRules.CheckDraft(s_birth, form));
        Assert.Equal(
            ["form.applicantRelationship", "form.birthPlace", "form.childBirthDate", "form.childSex", "form.motherFullName"],
            FormRules.CheckComplete(s_birth, form).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("childBirthDate", "20/11/2026")]
    [InlineData("childSex", "boy")]
    [InlineData("childFullName", "  ")]
    [InlineData("nickname", "Na")]
    public void Values_of_the_wrong_shape_and_unknown_fields_are_refused_by_name(string field, string value)
    {
        var errors = FormRules.CheckDraft(s_birth, new Dictionary<string, string> { [field] = value });

        Assert.Equal([$"form.{field}"], errors.Keys);
        Assert.DoesNotContain(value.Trim().Length > 0 ? value : "\u0000", errors.Values.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("copies", "0", false)]
    [InlineData("copies", "10", true)]
    [InlineData("copies", "1.5", false)]
    [InlineData("certificateType", "2", true)]
    public void Numbers_and_choices_are_checked_against_their_bounds(string field, string value, bool valid)
    {
        var criminalRecord = ServiceCatalogue.Find("criminalRecord")!;

        Assert.Equal(valid, FormRules.CheckDraft(criminalRecord, new Dictionary<string, string> { [field] = value }).Count == 0);
    }

    [Theory]
    [InlineData("123456789", true)]
    [InlineData("12345678", false)]
    [InlineData("12345678a", false)]
    public void The_old_ID_number_is_exactly_nine_digits(string value, bool valid)
    {
        var oldId = ServiceCatalogue.Find("oldIdConfirmation")!;

        Assert.Equal(valid, FormRules.CheckDraft(oldId, new Dictionary<string, string> { ["oldIdNumber"] = value }).Count == 0);
    }
}
