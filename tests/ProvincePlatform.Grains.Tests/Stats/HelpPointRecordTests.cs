using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Stats;
using ProvincePlatform.Grains.Tests.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Stats;

public sealed class HelpPointRecordTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateOnly s_opened = new(2026, 11, 30);

    [Fact]
    public void A_late_report_never_overwrites_a_newer_one_and_a_repeat_changes_nothing()
    {
        var record = new HelpPointRecord();
        record.Apply(Report(2, Day(s_opened, bookings: 5)));

        Assert.False(record.Apply(Report(1, Day(s_opened, bookings: 3))));
        Assert.True(record.Apply(Report(2, Day(s_opened, bookings: 5))));
        Assert.Equal(5, record.Days[s_opened].Figures.Bookings);
    }

    [Fact]
    public void Seats_count_the_sessions_that_have_ended_on_open_days_from_the_opening_date()
    {
        var record = new HelpPointRecord();
        record.Apply(Report(0, profile: Profile(TestHelpPoints.VillageHouse(computers: 6), since: s_opened)));
        // Wednesday evening, 19:30: the sessions of Monday and Tuesday have ended, Wednesday's has not.
        var now = VietnamTime.ToInstant(s_opened.AddDays(2), new TimeOnly(19, 30));

        Assert.Equal(12, record.SeatsOffered(s_opened.AddDays(-7), s_opened.AddDays(6), now));
        Assert.Equal(18, record.SeatsOffered(s_opened, s_opened.AddDays(6), now.AddHours(1)));
    }

    [Fact]
    public void A_closed_day_offers_no_seats_even_after_the_help_point_forgot_the_closure()
    {
        var record = new HelpPointRecord();
        record.Apply(Report(0, profile: Profile(TestHelpPoints.VillageHouse(computers: 6), closures: [s_opened.AddDays(1)], since: s_opened)));
        record.Apply(Report(1, profile: Profile(TestHelpPoints.VillageHouse(computers: 6), since: s_opened.AddDays(40))));

        var afterTheWeek = VietnamTime.ToInstant(s_opened.AddDays(7), new TimeOnly(8, 0));
        Assert.Equal(6 * 6, record.SeatsOffered(s_opened, s_opened.AddDays(6), afterTheWeek));
    }

    [Fact]
    public void A_change_of_computers_counts_from_the_day_it_was_made_and_a_renaming_changes_no_seat()
    {
        var record = new HelpPointRecord();
        record.Apply(Report(0, profile: Profile(TestHelpPoints.VillageHouse(computers: 6), since: s_opened)));
        record.Apply(Report(1, profile: Profile(TestHelpPoints.VillageHouse(computers: 4), since: s_opened.AddDays(3))));
        record.Apply(Report(2, profile: Profile(TestHelpPoints.VillageHouse(computers: 4) with { Name = "Nhà văn hóa thôn Mới" }, since: s_opened.AddDays(5))));

        var afterTheWeek = VietnamTime.ToInstant(s_opened.AddDays(7), new TimeOnly(8, 0));
        Assert.Equal((3 * 6) + (4 * 4), record.SeatsOffered(s_opened, s_opened.AddDays(6), afterTheWeek));
        Assert.Equal(2, record.Definitions.Count);
        Assert.Equal("Nhà văn hóa thôn Mới", record.Definition!.Name);
    }

    [Fact]
    public void Changes_made_twice_on_one_day_leave_one_definition_for_that_day()
    {
        var record = new HelpPointRecord();
        record.Apply(Report(0, profile: Profile(TestHelpPoints.VillageHouse(computers: 6), since: s_opened)));
        record.Apply(Report(1, profile: Profile(TestHelpPoints.VillageHouse(computers: 4), since: s_opened.AddDays(2))));
        record.Apply(Report(2, profile: Profile(TestHelpPoints.VillageHouse(computers: 5), since: s_opened.AddDays(2))));

        Assert.Equal([6, 5], record.Definitions.Select(dated => dated.Definition.Computers));
    }

    private static HelpPointReport Report(long sequence, HelpPointDay? day = null, HelpPointProfile? profile = null) =>
        new("20527-1", sequence, profile, day is null ? [] : [day]);

    private static HelpPointDay Day(DateOnly date, int bookings) =>
        new(date, HelpPointFigures.Zero with { Bookings = bookings }, []);

    private static HelpPointProfile Profile(HelpPointDefinition definition, DateOnly[]? closures = null, DateOnly? since = null) =>
        new(definition, [.. closures ?? []], s_opened, since ?? s_opened);
}
