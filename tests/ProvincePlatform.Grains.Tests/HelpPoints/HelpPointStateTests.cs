using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Tests.Citizens;

namespace ProvincePlatform.Grains.Tests.HelpPoints;

public sealed class HelpPointStateTests
{
    private static readonly SessionSlot s_evening = new(new DateOnly(2026, 12, 1), new TimeOnly(19, 0), new TimeOnly(20, 0));

    [Fact]
    public void Housekeeping_records_no_shows_when_a_session_ends_and_then_waits_for_retention()
    {
        var state = StateWithOneBooking(out var bookingId);

        Assert.Equal(s_evening.EndsAt, state.NextHousekeepingAt());
        Assert.True(state.Housekeep(s_evening.EndsAt));

        Assert.Equal(BookingStatus.NoShow, state.LedgerOf(bookingId)!.Find(bookingId)!.Status);
        Assert.Equal(s_evening.EndsAt + HelpPointState.Retention, state.NextHousekeepingAt());
    }

    [Fact]
    public void Sessions_leave_the_working_state_30_days_after_they_end_but_their_figures_stay()
    {
        var state = StateWithOneBooking(out var bookingId);
        state.Closures[s_evening.Date.AddDays(-1)] = "Mất điện";

        state.Housekeep(s_evening.EndsAt + HelpPointState.Retention);
        Assert.Single(state.Sessions);

        Assert.True(state.Housekeep(s_evening.EndsAt + HelpPointState.Retention + TimeSpan.FromMinutes(1)));

        Assert.Empty(state.Sessions);
        Assert.Empty(state.BookingSessions);
        Assert.Empty(state.Closures);
        Assert.Null(state.LedgerOf(bookingId));
        Assert.Equal((1, 1), (state.Figures().Bookings, state.Figures().NoShows));
        Assert.Null(state.NextHousekeepingAt());
    }

    [Fact]
    public void Housekeeping_before_any_deadline_changes_nothing()
    {
        var state = StateWithOneBooking(out _);

        Assert.False(state.Housekeep(s_evening.StartsAt));
    }

    private static HelpPointState StateWithOneBooking(out string bookingId)
    {
        var ledger = new SessionLedger(s_evening);
        bookingId = "20527-1-abcdefghjk";
        ledger.Book(bookingId, new BookingRequest(TestCitizens.Number(1), "birthRegistration", false), 6, s_evening.StartsAt.AddHours(-2));
        var state = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse() };
        state.Sessions[ledger.SessionId] = ledger;
        state.BookingSessions[bookingId] = ledger.SessionId;
        return state;
    }
}
