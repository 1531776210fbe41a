using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Tests.HelpPoints;

public sealed class OpeningScheduleTests
{
    private static readonly DateOnly s_tuesday = new(2026, 12, 1);
    private static readonly DateOnly s_sunday = new(2026, 12, 6);

    [Fact]
    public void Commune_office_has_a_morning_and_an_afternoon_session_on_weekdays_only()
    {
        var schedule = new OpeningSchedule(TestHelpPoints.CommuneOffice().OpeningHours);

        Assert.Equal(["2026-12-01T07:30", "2026-12-01T13:30"], schedule.SlotsOn(s_tuesday).Select(slot => slot.Id));
        Assert.Empty(schedule.SlotsOn(s_sunday));
    }

    [Fact]
    public void Village_house_opens_every_evening_including_weekends()
    {
        var schedule = new OpeningSchedule(TestHelpPoints.VillageHouse().OpeningHours);

        var week = schedule.SlotsBetween(s_tuesday, s_tuesday.AddDays(6)).ToList();

        Assert.Equal(7, week.Count);
        Assert.All(week, slot => Assert.Equal((new TimeOnly(19, 0), new TimeOnly(20, 0)), (slot.Start, slot.End)));
    }

    [Fact]
    public void Sessions_start_and_end_in_Vietnam_local_time()
    {
        var slot = new OpeningSchedule(TestHelpPoints.VillageHouse().OpeningHours).SlotsOn(s_tuesday).Single();

        Assert.Equal(DateTimeOffset.Parse("2026-12-01T19:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture), slot.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero), slot.EndsAt);
    }

    [Fact]
    public void Slot_length_cuts_a_period_into_sessions_and_drops_a_short_remainder()
    {
        var schedule = new OpeningSchedule([new OpeningPeriod(TestHelpPoints.EveryDay, new(19, 0), new(20, 10), 30)]);

        Assert.Equal(["19:00", "19:30"], schedule.SlotsOn(s_tuesday).Select(slot => slot.Start.ToString("HH:mm", null)));
    }

    [Fact]
    public void Find_returns_only_a_session_the_schedule_has()
    {
        var schedule = new OpeningSchedule(TestHelpPoints.VillageHouse().OpeningHours);

        Assert.NotNull(schedule.Find(s_tuesday, new TimeOnly(19, 0)));
        Assert.Null(schedule.Find(s_tuesday, new TimeOnly(19, 30)));
    }

    [Theory]
    [InlineData("2026-12-01T19:00", true)]
    [InlineData("2026-12-01 19:00", false)]
    [InlineData("2026-12-01T19:00:00", false)]
    [InlineData("2026-13-01T19:00", false)]
    [InlineData("0001-01-01T00:00", false)]
    [InlineData("9999-12-31T23:00", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("", false)]
    public void Session_ids_are_read_only_in_the_contract_form(string id, bool valid) =>
        Assert.Equal(valid, SessionSlot.TryParseId(id, out _, out _));
}
