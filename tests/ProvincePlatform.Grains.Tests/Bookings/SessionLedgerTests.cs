using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Tests.Citizens;

namespace ProvincePlatform.Grains.Tests.Bookings;

public sealed class SessionLedgerTests
{
    private const int Capacity = 2;

    // Tuesday 1 December 2026, 19:00–20:00 in Đại Thạnh; "now" is that morning.
    private static readonly SessionSlot s_evening = new(new DateOnly(2026, 12, 1), new TimeOnly(19, 0), new TimeOnly(20, 0));
    private static readonly DateTimeOffset s_morning = s_evening.StartsAt.AddHours(-11);

    private readonly SessionLedger _ledger = new(s_evening);

    [Fact]
    public void Seats_are_confirmed_while_computers_remain_then_the_session_is_full()
    {
        Assert.Equal(BookingStatus.Confirmed, Book(1).Value!.Status);
        Assert.Equal(BookingStatus.Confirmed, Book(2).Value!.Status);

        var third = Book(3);

        Assert.Equal(RefusalCode.SessionFull, third.Refusal?.Code);
        Assert.Equal(2, _ledger.SeatsTaken);
    }

    [Fact]
    public void A_full_session_waitlists_in_order_of_arrival_when_asked()
    {
        Book(1);
        Book(2);

        var third = Book(3, waitlist: true).Value!;
        var fourth = Book(4, waitlist: true).Value!;

        Assert.Equal(BookingStatus.Waitlisted, third.Status);
        Assert.Equal((1, 2), (_ledger.PositionOf(third.Id), _ledger.PositionOf(fourth.Id)));
    }

    [Fact]
    public void The_waitlist_of_a_small_session_holds_the_minimum_of_five()
    {
        for (var citizen = 1; citizen <= Capacity + SessionLedger.MinimumWaitlist; citizen++)
        {
            Assert.True(Book(citizen, waitlist: true).Succeeded);
        }

        var next = Book(Capacity + SessionLedger.MinimumWaitlist + 1, waitlist: true);

        Assert.Equal(RefusalCode.WaitlistFull, next.Refusal?.Code);
        Assert.Equal(SessionLedger.MinimumWaitlist, _ledger.WaitlistLength);
    }

    [Fact]
    public void The_waitlist_of_a_large_session_holds_as_many_citizens_as_it_has_computers()
    {
        const int Computers = 8;
        var ledger = new SessionLedger(s_evening);
        for (var citizen = 1; citizen <= 2 * Computers; citizen++)
        {
            Assert.True(ledger.Book($"b{citizen}", Waitlisting(citizen), Computers, s_morning).Succeeded);
        }

        Assert.Equal(RefusalCode.WaitlistFull, ledger.Book("b99", Waitlisting(99), Computers, s_morning).Refusal?.Code);
    }

    [Fact]
    public void A_waitlist_place_frees_up_when_a_waitlisted_citizen_cancels()
    {
        var waitlisted = Enumerable.Range(1, Capacity + SessionLedger.MinimumWaitlist).Select(citizen => Book(citizen, waitlist: true).Value!).ToList()[^1];
        _ledger.Cancel(waitlisted.Id, Capacity, s_morning);

        Assert.Equal(BookingStatus.Waitlisted, Book(99, waitlist: true).Value!.Status);
    }

    [Fact]
    public void A_citizen_holds_at_most_one_place_in_a_session()
    {
        Book(1);

        Assert.Equal(RefusalCode.AlreadyBooked, Book(1).Refusal?.Code);
        Assert.Equal(RefusalCode.AlreadyBooked, Book(1, waitlist: true).Refusal?.Code);
    }

    [Fact]
    public void A_citizen_who_cancelled_may_book_again()
    {
        var first = Book(1).Value!;
        _ledger.Cancel(first.Id, Capacity, s_morning);

        Assert.Equal(BookingStatus.Confirmed, Book(1).Value!.Status);
    }

    [Fact]
    public void Cancelling_a_confirmed_booking_promotes_the_first_waitlisted_at_once()
    {
        var first = Book(1).Value!;
        Book(2);
        var third = Book(3, waitlist: true).Value!;
        var fourth = Book(4, waitlist: true).Value!;

        _ledger.Cancel(first.Id, Capacity, s_morning);

        Assert.Equal(BookingStatus.Confirmed, _ledger.Find(third.Id)!.Status);
        Assert.Equal(1, _ledger.PositionOf(fourth.Id));
        Assert.Equal(BookingStatus.Cancelled, _ledger.Find(first.Id)!.Status);
    }

    [Fact]
    public void Cancelling_a_waitlisted_booking_closes_the_gap_behind_it()
    {
        Book(1);
        Book(2);
        var third = Book(3, waitlist: true).Value!;
        var fourth = Book(4, waitlist: true).Value!;

        _ledger.Cancel(third.Id, Capacity, s_morning);

        Assert.Equal(1, _ledger.PositionOf(fourth.Id));
        Assert.Equal(2, _ledger.SeatsTaken);
    }

    [Fact]
    public void Cancelling_twice_is_harmless_but_after_the_start_is_refused()
    {
        var first = Book(1).Value!;
        var second = Book(2).Value!;

        Assert.True(_ledger.Cancel(first.Id, Capacity, s_morning).Succeeded);
        Assert.True(_ledger.Cancel(first.Id, Capacity, s_morning).Succeeded);
        Assert.Equal(RefusalCode.SessionStarted, _ledger.Cancel(second.Id, Capacity, s_evening.StartsAt).Refusal?.Code);
    }

    [Fact]
    public void Booking_is_refused_once_the_session_has_started_or_beyond_the_horizon()
    {
        Assert.Equal(RefusalCode.SessionStarted, Book(1, now: s_evening.StartsAt).Refusal?.Code);
        Assert.Equal(RefusalCode.BookingNotYetOpen,
            Book(2, now: s_evening.StartsAt - SessionLedger.BookingHorizon - TimeSpan.FromMinutes(1)).Refusal?.Code);
    }

    [Fact]
    public void Check_in_works_on_the_sessions_date_only_and_twice_is_harmless()
    {
        var booking = Book(1).Value!;

        Assert.Equal(RefusalCode.CheckInNotOnSessionDate,
            _ledger.CheckIn(booking.Id, s_morning.AddDays(-1)).Refusal?.Code);
        Assert.Equal(BookingStatus.CheckedIn, _ledger.CheckIn(booking.Id, s_morning).Value!.Status);
        Assert.Equal(BookingStatus.CheckedIn, _ledger.CheckIn(booking.Id, s_evening.StartsAt.AddMinutes(5)).Value!.Status);
    }

    [Fact]
    public void A_waitlisted_or_cancelled_booking_cannot_check_in()
    {
        Book(1);
        Book(2);
        var waitlisted = Book(3, waitlist: true).Value!;

        Assert.Equal(RefusalCode.BookingNotActive, _ledger.CheckIn(waitlisted.Id, s_morning).Refusal?.Code);
    }

    [Fact]
    public void Walk_ins_take_a_free_seat_during_the_session_and_are_checked_in()
    {
        Book(1);

        var walkIn = _ledger.WalkIn("w1", new WalkInRequest(TestCitizens.Number(9), "birthRegistration"), Capacity, s_evening.StartsAt.AddMinutes(10));

        Assert.Equal(BookingStatus.CheckedIn, walkIn.Value!.Status);
        Assert.True(walkIn.Value.WalkIn);
        Assert.Equal(RefusalCode.NoFreeSeat,
            _ledger.WalkIn("w2", new WalkInRequest(TestCitizens.Number(10), "birthRegistration"), Capacity, s_evening.StartsAt.AddMinutes(20)).Refusal?.Code);
    }

    [Fact]
    public void Walk_ins_are_refused_before_the_session_starts_and_after_it_ends()
    {
        var request = new WalkInRequest(TestCitizens.Number(9), "birthRegistration");

        Assert.Equal(RefusalCode.NotDuringSession, _ledger.WalkIn("w1", request, Capacity, s_morning).Refusal?.Code);
        Assert.Equal(RefusalCode.NotDuringSession, _ledger.WalkIn("w2", request, Capacity, s_evening.StartsAt.AddTicks(-1)).Refusal?.Code);
        Assert.Equal(RefusalCode.NotDuringSession, _ledger.WalkIn("w3", request, Capacity, s_evening.EndsAt).Refusal?.Code);
    }

    [Fact]
    public void Settling_after_the_end_marks_unchecked_confirmed_bookings_as_no_shows()
    {
        var came = Book(1).Value!;
        var stayedHome = Book(2).Value!;
        var waitlisted = Book(3, waitlist: true).Value!;
        _ledger.CheckIn(came.Id, s_evening.StartsAt);

        Assert.False(_ledger.Settle(s_evening.EndsAt.AddTicks(-1)));
        Assert.True(_ledger.Settle(s_evening.EndsAt));

        Assert.Equal(BookingStatus.CheckedIn, _ledger.Find(came.Id)!.Status);
        Assert.Equal(BookingStatus.NoShow, _ledger.Find(stayedHome.Id)!.Status);
        Assert.Equal(BookingStatus.Waitlisted, _ledger.Find(waitlisted.Id)!.Status);
        Assert.False(_ledger.Settle(s_evening.EndsAt.AddHours(1)));
    }

    [Fact]
    public void A_closure_cancels_confirmed_and_waitlisted_bookings()
    {
        Book(1);
        Book(2);
        Book(3, waitlist: true);

        Assert.Equal(3, _ledger.CancelByHelpPoint());
        Assert.All(_ledger.Bookings, booking => Assert.Equal(BookingStatus.CancelledByHelpPoint, booking.Status));
    }

    [Fact]
    public void Raising_capacity_promotes_waitlisted_bookings_in_order()
    {
        Book(1);
        Book(2);
        var third = Book(3, waitlist: true).Value!;
        var fourth = Book(4, waitlist: true).Value!;

        var promoted = _ledger.PromoteWaitlisted(Capacity + 1);

        Assert.Equal([third.Id], promoted.Select(booking => booking.Id));
        Assert.Equal(1, _ledger.PositionOf(fourth.Id));
    }

    [Fact]
    public void Figures_count_every_outcome()
    {
        var came = Book(1).Value!;
        Book(2);
        var cancelled = Book(3, waitlist: true).Value!;
        _ledger.CheckIn(came.Id, s_morning);
        _ledger.Cancel(cancelled.Id, Capacity, s_morning);
        _ledger.WalkIn("w", new WalkInRequest(TestCitizens.Number(7), "birthRegistration"), Capacity + 1, s_evening.StartsAt);
        _ledger.Settle(s_evening.EndsAt);

        var figures = _ledger.Figures();

        Assert.Equal((3, 1, 1, 1, 1), (figures.Bookings, figures.CheckIns, figures.WalkIns, figures.NoShows, figures.Cancellations));
    }

    private static BookingRequest Waitlisting(int citizen) => new(TestCitizens.Number(citizen), "birthRegistration", Waitlist: true);

    private Outcome<BookingEntry> Book(int citizen, bool waitlist = false, DateTimeOffset? now = null) =>
        _ledger.Book($"b{citizen}-{_ledger.Bookings.Count}", new BookingRequest(TestCitizens.Number(citizen), "birthRegistration", waitlist),
            Capacity, now ?? s_morning);
}
