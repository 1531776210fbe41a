using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Tests.Citizens;
using ProvincePlatform.Grains.Tests.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Stats;

public sealed class HelpPointStatsReportTests
{
    private static readonly SessionSlot s_evening = new(new DateOnly(2026, 12, 1), new TimeOnly(19, 0), new TimeOnly(20, 0));

    [Fact]
    public void A_report_gives_absolute_figures_of_each_changed_day_and_each_guided_citizen_once()
    {
        var state = StateWithEvening(out var ledger);
        ledger.CheckIn("b1", s_evening.StartsAt.AddMinutes(5));
        ledger.WalkIn("b3", new WalkInRequest(TestCitizens.Number(3), "birthRegistration"), 6, s_evening.StartsAt.AddMinutes(10));
        state.LedgerChanged(ledger);

        var report = state.StatsReport("20527-1", Fingerprint);

        var day = Assert.Single(report.Days);
        Assert.Equal((2, 1, 1), (day.Figures.Bookings, day.Figures.CheckIns, day.Figures.WalkIns));
        Assert.Equal([1L, 3L], day.Guided.Order());
        Assert.Equal(state.ReportSequence, report.Sequence);
        Assert.Null(report.Profile);
    }

    [Fact]
    public void Settling_no_shows_marks_the_day_for_the_stats()
    {
        var state = StateWithEvening(out _);

        state.Housekeep(s_evening.EndsAt);

        Assert.True(state.HasUnreported);
        Assert.Equal(2, Assert.Single(state.StatsReport("20527-1", Fingerprint).Days).Figures.NoShows);
    }

    [Fact]
    public void A_day_whose_sessions_left_the_working_state_is_not_reported_again_as_zeros()
    {
        var state = StateWithEvening(out _);
        state.Housekeep(s_evening.EndsAt + HelpPointState.Retention + TimeSpan.FromMinutes(1));

        state.DayChanged(s_evening.Date);

        Assert.Empty(state.StatsReport("20527-1", Fingerprint).Days);
    }

    [Fact]
    public void Every_marked_change_raises_the_sequence_and_a_report_clears_what_was_unreported()
    {
        var state = StateWithEvening(out _);
        var before = state.ReportSequence;

        state.ProfileChanged();
        state.DayChanged(s_evening.Date);
        var report = state.StatsReport("20527-1", Fingerprint);
        state.Reported();

        Assert.Equal(before + 2, report.Sequence);
        Assert.NotNull(report.Profile);
        Assert.False(state.HasUnreported);
    }

    private static long Fingerprint(string idNumber) => long.Parse(idNumber[^6..], System.Globalization.CultureInfo.InvariantCulture);

    private static HelpPointState StateWithEvening(out SessionLedger ledger)
    {
        ledger = new SessionLedger(s_evening);
        var booked = s_evening.StartsAt.AddHours(-2);
        ledger.Book("b1", new BookingRequest(TestCitizens.Number(1), "birthRegistration", false), 6, booked);
        ledger.Book("b2", new BookingRequest(TestCitizens.Number(2), "birthRegistration", false), 6, booked);
        var state = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse() };
        state.Sessions[ledger.SessionId] = ledger;
        state.BookingSessions["b1"] = ledger.SessionId;
        state.BookingSessions["b2"] = ledger.SessionId;
        return state;
    }
}
