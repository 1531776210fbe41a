using ProvincePlatform.Host.Rollout.Command;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>The template: the Đại Thạnh model by default, or a file in the API's shape read strictly.</summary>
public sealed class RolloutTemplateFileTests : IDisposable
{
    private const string Valid = """
        {
          "communeOffice": {"computers": 2, "openingHours": [{"days": ["mon", "wed"], "start": "08:00", "end": "11:00", "slotMinutes": 30}]},
          "villageHouses": {"count": 3, "computers": 4, "openingHours": [{"days": ["sat", "sun"], "start": "19:00", "end": "21:00"}]}
        }
        """;

    private readonly ScratchFolder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Without_a_file_the_template_is_the_dai_thanh_model()
    {
        var model = RolloutTemplateFile.DaiThanhModel();

        var office = model.CommuneOffice!;
        Assert.Equal(3, office.Computers);
        DayOfWeek[] weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        Assert.Equal(
            [(new TimeOnly(7, 30), new TimeOnly(11, 30)), (new TimeOnly(13, 30), new TimeOnly(17, 0))],
            office.OpeningHours.Select(period => (period.Start, period.End)));
        Assert.All(office.OpeningHours, period => Assert.Equal(weekdays, period.Days));

        var houses = model.VillageHouses!;
        Assert.Equal((5, 6), (houses.Count, houses.Computers));
        var evening = Assert.Single(houses.OpeningHours);
        Assert.Equal(7, evening.Days.Distinct().Count());
        Assert.Equal((new TimeOnly(19, 0), new TimeOnly(20, 0)), (evening.Start, evening.End));
    }

    [Fact]
    public void A_file_in_the_api_shape_is_read()
    {
        var (template, error) = RolloutTemplateFile.Read(_files.Write("template.json", Valid));

        Assert.Null(error);
        Assert.Equal(2, template!.CommuneOffice!.Computers);
        Assert.Equal(30, template.CommuneOffice.OpeningHours[0].SlotMinutes);
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], template.VillageHouses!.OpeningHours[0].Days);
    }

    [Fact]
    public void A_file_with_village_houses_only_is_read()
    {
        var (template, error) = RolloutTemplateFile.Parse(
            """{"villageHouses": {"count": 1, "computers": 6, "openingHours": []}}""", "houses.json");

        Assert.Null(error);
        Assert.Null(template!.CommuneOffice);
    }

    [Fact]
    public void Invalid_json_is_refused_naming_the_file_and_its_line()
    {
        var (template, error) = RolloutTemplateFile.Parse("{\n  \"communeOffice\": {\"computers\": 3,,}\n}", "broken.json");

        Assert.Null(template);
        Assert.Contains("The template file broken.json is not valid at line 2", error, StringComparison.Ordinal);
        Assert.StartsWith("Tệp mẫu broken.json không hợp lệ ở dòng 2", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"villageHouse": {"count": 5}}""", "villageHouse")]
    [InlineData("""{"communeOffice": {"openingHours": []}}""", "computers")]
    [InlineData("""{"communeOffice": {"computers": 3, "openingHours": [{"days": ["monday"], "start": "07:30", "end": "11:30"}]}}""", "$.communeOffice.openingHours[0].days[0]")]
    [InlineData("""{"communeOffice": {"computers": 3, "openingHours": [{"days": ["mon"], "start": "7:30", "end": "11:30"}]}}""", "$.communeOffice.openingHours[0].start")]
    [InlineData("""{"communeOffice": {"computers": "3", "openingHours": []}}""", "$.communeOffice.computers")]
    public void A_template_of_another_shape_is_refused_naming_what_is_wrong(string json, string named)
    {
        var (template, error) = RolloutTemplateFile.Parse(json, "template.json");

        Assert.Null(template);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_template_is_refused()
    {
        var (template, error) = RolloutTemplateFile.Parse("null", "null.json");

        Assert.Null(template);
        Assert.Contains("holds null", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_file_that_is_not_there_is_named()
    {
        var path = _files.PathOf("missing.json");

        var (_, error) = RolloutTemplateFile.Read(path);

        Assert.Contains($"Cannot read the template file {path}", error, StringComparison.Ordinal);
    }
}
