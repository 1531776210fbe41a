using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Tests.HelpPoints;

public sealed class HelpPointRulesTests
{
    [Fact]
    public void The_Dai_Thanh_help_points_are_valid()
    {
        Assert.Empty(HelpPointRules.Validate(TestHelpPoints.CommuneOffice()));
        Assert.Empty(HelpPointRules.Validate(TestHelpPoints.VillageHouse()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    [InlineData(-1)]
    public void Computers_must_be_between_1_and_200(int computers) =>
        Assert.Contains("computers", HelpPointRules.Validate(TestHelpPoints.VillageHouse(computers)).Keys);

    [Fact]
    public void Overlapping_periods_on_a_shared_day_are_refused_on_the_later_one()
    {
        var definition = TestHelpPoints.VillageHouse() with
        {
            OpeningHours =
            [
                new OpeningPeriod(TestHelpPoints.Weekdays, new(7, 30), new(11, 30)),
                new OpeningPeriod([DayOfWeek.Friday], new(11, 0), new(12, 0)),
            ],
        };

        Assert.Equal(["openingHours[1]"], HelpPointRules.Validate(definition).Keys);
    }

    [Fact]
    public void The_same_hours_on_different_days_do_not_overlap()
    {
        var definition = TestHelpPoints.VillageHouse() with
        {
            OpeningHours =
            [
                new OpeningPeriod([DayOfWeek.Monday], new(19, 0), new(20, 0)),
                new OpeningPeriod([DayOfWeek.Tuesday], new(19, 0), new(20, 0)),
            ],
        };

        Assert.Empty(HelpPointRules.Validate(definition));
    }

    [Fact]
    public void A_period_must_end_after_it_starts()
    {
        var definition = TestHelpPoints.VillageHouse() with
        {
            OpeningHours = [new OpeningPeriod(TestHelpPoints.EveryDay, new(20, 0), new(19, 0))],
        };

        Assert.Equal(["openingHours[0].end"], HelpPointRules.Validate(definition).Keys);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(61)]
    public void A_slot_must_be_at_least_10_minutes_and_fit_its_period(int slotMinutes)
    {
        var definition = TestHelpPoints.VillageHouse() with
        {
            OpeningHours = [new OpeningPeriod(TestHelpPoints.EveryDay, new(19, 0), new(20, 0), slotMinutes)],
        };

        Assert.Equal(["openingHours[0].slotMinutes"], HelpPointRules.Validate(definition).Keys);
    }

    [Fact]
    public void Days_may_not_be_empty_or_repeated()
    {
        var definition = TestHelpPoints.VillageHouse() with
        {
            OpeningHours =
            [
                new OpeningPeriod([], new(7, 0), new(8, 0)),
                new OpeningPeriod([DayOfWeek.Monday, DayOfWeek.Monday], new(19, 0), new(20, 0)),
            ],
        };

        Assert.Equal(["openingHours[0].days", "openingHours[1].days"], HelpPointRules.Validate(definition).Keys.Order());
    }

    [Fact]
    public void Name_and_address_are_required_and_bounded()
    {
        var definition = TestHelpPoints.VillageHouse() with { Name = " ", Address = new string('x', 301) };

        Assert.Equal(["address", "name"], HelpPointRules.Validate(definition).Keys.Order());
    }
}
