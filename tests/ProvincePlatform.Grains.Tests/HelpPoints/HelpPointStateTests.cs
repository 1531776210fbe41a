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

    [Fact]
    public void A_booking_stores_its_sessions_ledger_alone_at_the_next_sequence_and_only_once_however_often_noted()
    {
        var state = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse(), ReportSequence = 7 };
        var ledger = new SessionLedger(s_evening);
        var booking = ledger.Book("20527-1-abcdefghjk", new BookingRequest(TestCitizens.Number(1), "birthRegistration", false), 6, s_evening.StartsAt.AddHours(-2)).Value!;

        state.Placed(ledger, booking);
        state.LedgerChanged(ledger);
        var changes = state.TakeChanges();

        Assert.False(changes.Profile);
        Assert.Empty(changes.Removed);
        Assert.Equal([new LedgerChange(ledger, StoredSequence: 0)], changes.Ledgers);
        Assert.Equal(9, ledger.ChangeSequence);
        Assert.Equal(ledger, state.LedgerOf(booking.Id));
        Assert.Equal([s_evening.Date], state.UnreportedDays);
        Assert.True(state.TakeChanges().IsEmpty);
    }

    [Fact]
    public void A_ledger_changed_again_names_the_sequence_it_was_last_stored_at()
    {
        var state = StateWithOneBooking(out var bookingId);
        var ledger = state.LedgerOf(bookingId)!;
        state.LedgerChanged(ledger);
        state.TakeChanges();
        var stored = ledger.ChangeSequence;

        state.LedgerChanged(ledger);

        Assert.Equal([new LedgerChange(ledger, stored)], state.TakeChanges().Ledgers);
        Assert.True(ledger.ChangeSequence > stored);
    }

    [Fact]
    public void A_session_leaving_the_working_state_deletes_its_row_and_stores_the_profile_with_its_figures()
    {
        var state = StateWithOneBooking(out _);
        state.Housekeep(s_evening.EndsAt);
        state.TakeChanges();

        state.Housekeep(s_evening.EndsAt + HelpPointState.Retention + TimeSpan.FromMinutes(1));
        var changes = state.TakeChanges();

        Assert.True(changes.Profile);
        Assert.Empty(changes.Ledgers);
        Assert.Equal([s_evening.Id], changes.Removed);
    }

    [Fact]
    public void A_closure_stores_the_profile_and_reports_its_date()
    {
        var state = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse() };

        state.DayChanged(s_evening.Date);

        Assert.True(state.TakeChanges().Profile);
        Assert.Equal([s_evening.Date], state.UnreportedDays);
        Assert.Equal(1, state.ReportSequence);
    }

    [Fact]
    public void The_profile_holds_no_ledgers_and_leaves_the_state_its_own()
    {
        var state = StateWithOneBooking(out _);

        var profile = state.Profile();

        Assert.Empty(profile.Sessions);
        Assert.Empty(profile.BookingSessions);
        Assert.Equal(state.Definition, profile.Definition);
        Assert.Single(state.Sessions);
        Assert.Single(state.BookingSessions);
    }

    [Fact]
    public void Restoring_ledgers_finds_their_bookings_continues_their_sequence_and_reports_again_only_what_the_stats_may_not_have_heard()
    {
        var heard = LedgerAt(s_evening, sequence: 4, "20527-1-aaaaaaaaaa");
        var unheard = LedgerAt(new SessionSlot(s_evening.Date.AddDays(1), s_evening.Start, s_evening.End), sequence: 6, "20527-1-bbbbbbbbbb");
        var profile = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse(), ReportSequence = 5, ReportedThrough = 5 };

        profile.Restore([heard, unheard]);

        Assert.Equal(6, profile.ReportSequence);
        Assert.Equal(heard, profile.LedgerOf("20527-1-aaaaaaaaaa"));
        Assert.Equal(unheard, profile.LedgerOf("20527-1-bbbbbbbbbb"));
        Assert.Equal([unheard.Date], profile.UnreportedDays);
        Assert.True(profile.TakeChanges().IsEmpty);
    }

    [Fact]
    public void Being_reported_records_the_sequence_the_stats_have_heard_of()
    {
        var state = StateWithOneBooking(out var bookingId);
        state.LedgerChanged(state.LedgerOf(bookingId)!);

        state.Reported();

        Assert.Equal(state.ReportSequence, state.ReportedThrough);
        Assert.False(state.HasUnreported);
    }

    [Fact]
    public void A_state_stored_whole_splits_into_a_profile_and_every_ledger_and_is_then_to_be_cleared()
    {
        var state = StateWithOneBooking(out var bookingId);
        var other = LedgerAt(new SessionSlot(s_evening.Date.AddDays(1), s_evening.Start, s_evening.End), sequence: 0);
        state.Sessions[other.SessionId] = other;

        state.SplitIntoRows();
        var changes = state.TakeChanges();

        Assert.True(changes.Profile);
        Assert.Equal(2, changes.Ledgers.Count);
        Assert.All(changes.Ledgers, change => Assert.Equal(0, change.StoredSequence));
        Assert.True(state.WholeStateToClear);

        state.WholeStateCleared();

        Assert.False(state.WholeStateToClear);
        Assert.True(state.TakeChanges().Profile);
        Assert.NotNull(state.LedgerOf(bookingId));
    }

    [Fact]
    public void The_upcoming_waitlist_counts_only_sessions_that_have_not_started()
    {
        var state = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse() };
        var ledger = new SessionLedger(s_evening);
        for (var citizen = 1; citizen <= 3; citizen++)
        {
            ledger.Book($"20527-1-b{citizen}", new BookingRequest(TestCitizens.Number(citizen), "birthRegistration", Waitlist: true), 1, s_evening.StartsAt.AddHours(-2));
        }

        state.Sessions[ledger.SessionId] = ledger;

        Assert.Equal(2, state.UpcomingWaitlist(s_evening.StartsAt.AddMinutes(-1)));
        Assert.Equal(0, state.UpcomingWaitlist(s_evening.StartsAt));
    }

    private static SessionLedger LedgerAt(SessionSlot slot, long sequence, params string[] bookingIds)
    {
        var ledger = new SessionLedger(slot) { ChangeSequence = sequence };
        var citizen = 0;
        foreach (var bookingId in bookingIds)
        {
            ledger.Book(bookingId, new BookingRequest(TestCitizens.Number(++citizen), "birthRegistration", false), 6, slot.StartsAt.AddHours(-2));
        }

        return ledger;
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
