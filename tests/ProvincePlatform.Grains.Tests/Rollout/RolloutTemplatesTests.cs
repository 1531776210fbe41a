using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Rollout;
using ProvincePlatform.Grains.Tests.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Rollout;

public sealed class RolloutTemplatesTests
{
    private static readonly Grains.Communes.Commune s_daiThanh = TestRegisters.QuangNam.Find("20527")!;

    [Fact]
    public void The_template_opens_the_commune_office_first_then_each_village_house()
    {
        var definitions = RolloutTemplates.Expand(TestTemplates.DaiThanh, s_daiThanh);

        Assert.Equal(
            [HelpPointKind.CommuneOffice, .. Enumerable.Repeat(HelpPointKind.VillageHouse, 5)],
            definitions.Select(definition => definition.Kind));
        Assert.Equal([3, 6, 6, 6, 6, 6], definitions.Select(definition => definition.Computers));
        Assert.Equal(6, definitions.Select(definition => definition.Name).Distinct().Count());
        Assert.All(definitions, definition => Assert.Contains("Xã Đại Thạnh", definition.Address, StringComparison.Ordinal));
        Assert.All(definitions, definition => Assert.Empty(HelpPointRules.Validate(definition)));
    }

    [Fact]
    public void A_template_without_a_commune_office_opens_only_village_houses()
    {
        var definitions = RolloutTemplates.Expand(TestTemplates.DaiThanh with { CommuneOffice = null }, s_daiThanh);

        Assert.Equal(5, definitions.Count);
        Assert.All(definitions, definition => Assert.Equal(HelpPointKind.VillageHouse, definition.Kind));
    }

    [Fact]
    public void The_template_of_the_model_is_valid() => Assert.Empty(RolloutTemplates.Validate(TestTemplates.DaiThanh));

    [Fact]
    public void A_template_that_opens_nothing_is_refused()
    {
        var errors = RolloutTemplates.Validate(new RolloutTemplate(null, new HelpPointTemplate(0, 6, TestHelpPoints.VillageHouse().OpeningHours)));

        Assert.Equal(["template"], errors.Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(RolloutTemplates.MaxVillageHouses + 1)]
    public void A_village_house_count_out_of_range_is_refused(int count)
    {
        var errors = RolloutTemplates.Validate(TestTemplates.DaiThanh with
        {
            VillageHouses = TestTemplates.DaiThanh.VillageHouses! with { Count = count },
        });

        Assert.Contains("template.villageHouses.count", errors.Keys);
    }

    [Fact]
    public void Computers_and_hours_are_judged_by_the_help_point_rules_under_their_part_of_the_template()
    {
        var errors = RolloutTemplates.Validate(new RolloutTemplate(
            new HelpPointTemplate(1, 0, TestHelpPoints.CommuneOffice().OpeningHours),
            new HelpPointTemplate(2, 6, [new OpeningPeriod(ImmutableArray.Create(DayOfWeek.Monday), new(20, 0), new(19, 0))])));

        Assert.Equal(["template.communeOffice.computers", "template.villageHouses.openingHours[0].end"], errors.Keys.Order());
    }
}
