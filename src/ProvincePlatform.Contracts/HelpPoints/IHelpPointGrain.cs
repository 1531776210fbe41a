using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>
/// One help point (keyed by <c>{communeCode}-{n}</c>): its definition, its sessions and every booking in them.
/// All seat decisions of a help point are taken here, one at a time, so a session can never be overbooked.
/// Version 2 stores its ledgers as rows of their own; silos of version 1 read only the state stored whole, which
/// version 2 clears, so in a rolling upgrade help points must activate only on silos of version 2 (the cluster's
/// version selector is <c>LatestVersion</c>).
/// </summary>
[Alias("pp.IHelpPointGrain"), Orleans.CodeGeneration.Version(2)]
public interface IHelpPointGrain : IGrainWithStringKey
{
    /// <summary>Creates the help point; called once by its commune. Repeating it with the same data is harmless.</summary>
    [Alias("Open")]
    Task<HelpPointDetails> OpenAsync(string communeCode, HelpPointDefinition definition);

    /// <summary>The help point, or null when no help point has this id.</summary>
    [Alias("Get")]
    Task<HelpPointDetails?> GetAsync();

    /// <summary>Replaces the definition, refusing changes that would strand confirmed bookings.</summary>
    [Alias("Update")]
    Task<Outcome<HelpPointDetails>> UpdateAsync(HelpPointDefinition definition);

    /// <summary>Closes the help point on a date and cancels that day's bookings.</summary>
    [Alias("AddClosure")]
    Task<Outcome<Closure>> AddClosureAsync(Closure closure);

    /// <summary>The sessions between two local dates, both included.</summary>
    [Alias("GetSessions")]
    Task<Outcome<ImmutableArray<SessionView>>> GetSessionsAsync(DateOnly from, DateOnly to);

    /// <summary>Books a citizen into a session, or onto its waitlist when asked and the session is full.</summary>
    [Alias("Book")]
    Task<Outcome<BookingView>> BookAsync(string sessionId, BookingRequest request);

    /// <summary>Seats a citizen who came without booking, checked in at once.</summary>
    [Alias("WalkIn")]
    Task<Outcome<BookingView>> WalkInAsync(string sessionId, WalkInRequest request);

    /// <summary>One booking of this help point.</summary>
    [Alias("GetBooking")]
    Task<Outcome<BookingView>> GetBookingAsync(string bookingId);

    /// <summary>Cancels a booking; the first waitlisted booking of its session takes the seat.</summary>
    [Alias("CancelBooking")]
    Task<Outcome<BookingView>> CancelBookingAsync(string bookingId);

    /// <summary>Records that the citizen of a booking arrived.</summary>
    [Alias("CheckIn")]
    Task<Outcome<BookingView>> CheckInAsync(string bookingId);
}
