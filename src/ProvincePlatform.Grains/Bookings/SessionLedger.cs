using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Bookings;

/// <summary>
/// The bookings of one session and the rules for its seats: a seat while one is free, the waitlist in order of
/// arrival, the first waitlisted booking promoted when a seat comes free, one place per citizen, and a no-show
/// for every confirmed booking that never checked in once the session is over. The waitlist holds as many citizens
/// as the session has computers, and at least <see cref="MinimumWaitlist"/>: a longer one would rarely see a seat,
/// and would let one portal grow a session's row, which every booking of it writes, without bound.
/// </summary>
[GenerateSerializer, Alias("pp.SessionLedger")]
public sealed class SessionLedger
{
    /// <summary>How far ahead a session can be booked: its sessions are planned, not a place to park a claim.</summary>
    public static readonly TimeSpan BookingHorizon = TimeSpan.FromDays(90);

    /// <summary>Waitlist places of a session with few computers, where one cancellation should still find someone waiting.</summary>
    public const int MinimumWaitlist = 5;

    public SessionLedger()
    {
    }

    public SessionLedger(SessionSlot slot)
    {
        SessionId = slot.Id;
        StartsAt = slot.StartsAt;
        EndsAt = slot.EndsAt;
    }

    [Id(0)]
    public string SessionId { get; set; } = string.Empty;

    [Id(1)]
    public DateTimeOffset StartsAt { get; set; }

    [Id(2)]
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Every booking of the session in order of arrival, which is also the waitlist order.</summary>
    [Id(3)]
    public List<BookingEntry> Bookings { get; set; } = [];

    /// <summary>Set once the session has ended and its no-shows are recorded.</summary>
    [Id(4)]
    public bool Settled { get; set; }

    /// <summary>
    /// The help point's <see cref="HelpPointState.ReportSequence"/> at the ledger's last change: the version its row is
    /// stored at, and what tells the commune's stats whether they heard of it. 0 until it is first stored.
    /// </summary>
    [Id(5)]
    public long ChangeSequence { get; set; }

    public DateOnly Date => VietnamTime.DateOf(StartsAt);

    public int SeatsTaken => Bookings.Count(booking => booking.TakesSeat);

    public int WaitlistLength => Bookings.Count(booking => booking.Status == BookingStatus.Waitlisted);

    /// <summary>How many citizens the waitlist of a session with <paramref name="capacity"/> computers holds.</summary>
    public static int WaitlistLimit(int capacity) => Math.Max(capacity, MinimumWaitlist);

    public BookingEntry? Find(string bookingId) => Bookings.Find(booking => booking.Id == bookingId);

    /// <summary>Place on the waitlist, from 1, or null when the booking is not waitlisted.</summary>
    public int? PositionOf(string bookingId)
    {
        var position = 0;
        foreach (var booking in Bookings.Where(booking => booking.Status == BookingStatus.Waitlisted))
        {
            position++;
            if (booking.Id == bookingId)
            {
                return position;
            }
        }

        return null;
    }

    /// <summary>Gives a new booking a seat, or a waitlist place when the caller accepts one.</summary>
    public Outcome<BookingEntry> Book(string bookingId, BookingRequest request, int capacity, DateTimeOffset now)
    {
        if (now >= StartsAt)
        {
            return new Refusal(RefusalCode.SessionStarted);
        }

        if (StartsAt - now > BookingHorizon)
        {
            return new Refusal(RefusalCode.BookingNotYetOpen, Detail: $"Sessions open for booking {BookingHorizon.Days} days ahead.");
        }

        if (HoldsPlace(request.Citizen.IdNumber))
        {
            return new Refusal(RefusalCode.AlreadyBooked);
        }

        var status = SeatsTaken < capacity ? BookingStatus.Confirmed
            : request.Waitlist ? BookingStatus.Waitlisted
            : (BookingStatus?)null;
        if (status is null)
        {
            return new Refusal(RefusalCode.SessionFull);
        }

        if (status == BookingStatus.Waitlisted && WaitlistLength >= WaitlistLimit(capacity))
        {
            return new Refusal(RefusalCode.WaitlistFull, Detail: $"The waitlist holds {WaitlistLimit(capacity)} citizens.");
        }

        var entry = new BookingEntry(bookingId, request.Citizen, request.ServiceCode, status.Value, WalkIn: false, now);
        Bookings.Add(entry);
        return entry;
    }

    /// <summary>Seats a citizen who came without booking, while the session runs, when a computer is free.</summary>
    public Outcome<BookingEntry> WalkIn(string bookingId, WalkInRequest request, int capacity, DateTimeOffset now)
    {
        if (now < StartsAt || now >= EndsAt)
        {
            return new Refusal(RefusalCode.NotDuringSession);
        }

        if (HoldsPlace(request.Citizen.IdNumber))
        {
            return new Refusal(RefusalCode.AlreadyBooked);
        }

        if (SeatsTaken >= capacity)
        {
            return new Refusal(RefusalCode.NoFreeSeat);
        }

        var entry = new BookingEntry(bookingId, request.Citizen, request.ServiceCode, BookingStatus.CheckedIn, WalkIn: true, now);
        Bookings.Add(entry);
        return entry;
    }

    /// <summary>Cancels a booking before its session starts and gives its seat to the first waitlisted booking.</summary>
    public Outcome<BookingEntry> Cancel(string bookingId, int capacity, DateTimeOffset now)
    {
        var booking = Find(bookingId);
        if (booking is null)
        {
            return new Refusal(RefusalCode.BookingNotFound);
        }

        if (booking.Status is BookingStatus.Cancelled or BookingStatus.CancelledByHelpPoint)
        {
            return booking;
        }

        if (booking.Status is not (BookingStatus.Confirmed or BookingStatus.Waitlisted))
        {
            return new Refusal(RefusalCode.BookingNotActive, Detail: $"The booking is {booking.Status}.");
        }

        if (now >= StartsAt)
        {
            return new Refusal(RefusalCode.SessionStarted);
        }

        var cancelled = Replace(booking, BookingStatus.Cancelled);
        PromoteWaitlisted(capacity);
        return cancelled;
    }

    /// <summary>Records the arrival of a confirmed citizen on the session's date; a second check-in changes nothing.</summary>
    public Outcome<BookingEntry> CheckIn(string bookingId, DateTimeOffset now)
    {
        var booking = Find(bookingId);
        if (booking is null)
        {
            return new Refusal(RefusalCode.BookingNotFound);
        }

        if (booking.Status == BookingStatus.CheckedIn)
        {
            return booking;
        }

        if (booking.Status != BookingStatus.Confirmed)
        {
            return new Refusal(RefusalCode.BookingNotActive, Detail: $"The booking is {booking.Status}.");
        }

        if (VietnamTime.DateOf(now) != Date || now >= EndsAt)
        {
            return new Refusal(RefusalCode.CheckInNotOnSessionDate);
        }

        return Replace(booking, BookingStatus.CheckedIn);
    }

    /// <summary>Gives free seats to waitlisted bookings in order of arrival; returns the promoted bookings.</summary>
    public IReadOnlyList<BookingEntry> PromoteWaitlisted(int capacity)
    {
        var promoted = new List<BookingEntry>();
        while (SeatsTaken < capacity && Bookings.Find(b => b.Status == BookingStatus.Waitlisted) is { } next)
        {
            promoted.Add(Replace(next, BookingStatus.Confirmed));
        }

        return promoted;
    }

    /// <summary>Cancels every booking still holding a seat or a waitlist place, because the help point closed that day.</summary>
    public int CancelByHelpPoint()
    {
        var affected = Bookings.Where(b => b.Status is BookingStatus.Confirmed or BookingStatus.Waitlisted).ToList();
        foreach (var booking in affected)
        {
            Replace(booking, BookingStatus.CancelledByHelpPoint);
        }

        return affected.Count;
    }

    /// <summary>Once the session has ended, marks every confirmed booking that never checked in as a no-show.</summary>
    public bool Settle(DateTimeOffset now)
    {
        if (Settled || now < EndsAt)
        {
            return false;
        }

        foreach (var booking in Bookings.Where(b => b.Status == BookingStatus.Confirmed).ToList())
        {
            Replace(booking, BookingStatus.NoShow);
        }

        Settled = true;
        return true;
    }

    public HelpPointFigures Figures() => new(
        Bookings: Bookings.Count(b => !b.WalkIn),
        CheckIns: Bookings.Count(b => !b.WalkIn && b.Status == BookingStatus.CheckedIn),
        WalkIns: Bookings.Count(b => b.WalkIn),
        NoShows: Bookings.Count(b => b.Status == BookingStatus.NoShow),
        Cancellations: Bookings.Count(b => b.Status == BookingStatus.Cancelled),
        CancelledByHelpPoint: Bookings.Count(b => b.Status == BookingStatus.CancelledByHelpPoint));

    private bool HoldsPlace(string idNumber) =>
        Bookings.Exists(booking => booking.HoldsPlace && booking.Citizen.IdNumber == idNumber);

    private BookingEntry Replace(BookingEntry booking, BookingStatus status)
    {
        var changed = booking with { Status = status };
        Bookings[Bookings.IndexOf(booking)] = changed;
        return changed;
    }
}
