using BenchmarkDotNet.Attributes;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Benchmarks;

/// <summary>
/// The booking decision of a session's ledger, and the stats report a help point builds after a change. Methods
/// that change the ledger undo their change afterwards (a removal from the end, two slot assignments) so that each
/// invocation decides on the same session; the undo costs a few nanoseconds and allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class BookingDecisionBenchmarks
{
    /// <summary>Bookings in the full session: six seats taken and a waitlist of five, one place short of its limit.</summary>
    public const int FullSessionBookings = 11;

    private const int Capacity = Scenarios.VillageHouseComputers;
    private const int Newcomer = 10_000;

    private SessionSlot _tomorrow;
    private BookingRequest _newcomer = null!;
    private BookingRequest _lastWaitlisted = null!;
    private SessionLedger _full = null!;
    private BookingEntry _firstConfirmed = null!;
    private BookingEntry _firstWaitlisted = null!;
    private HelpPointState _busy = null!;
    private Func<string, long> _fingerprintOf = null!;

    /// <summary>The full session the decisions are made on; the smoke tests check that it is left as it was.</summary>
    public SessionLedger FullSession => _full;

    [GlobalSetup]
    public void Setup()
    {
        _tomorrow = Scenarios.VillageHouseSlot(Scenarios.Today.AddDays(1));
        _newcomer = Scenarios.Request(Newcomer);
        _lastWaitlisted = Scenarios.Request(FullSessionBookings);
        _full = Scenarios.Session(Capacity, FullSessionBookings);
        _firstConfirmed = _full.Bookings[0];
        _firstWaitlisted = _full.Bookings[Capacity];
        _busy = Scenarios.BusyVillageHouse();
        _fingerprintOf = new CitizenKeys(new byte[CitizenKeys.MinimumSecretBytes]).FingerprintOf;
    }

    /// <summary>The first booking of a session: the ledger is created for it, as the grain does.</summary>
    [Benchmark]
    public Outcome<BookingEntry> BookIntoEmptySession() =>
        new SessionLedger(_tomorrow).Book(Scenarios.BookingId(Newcomer), _newcomer, Capacity, Scenarios.Now);

    /// <summary>A booking into a full session: every booking is checked for the citizen, then waitlisted.</summary>
    [Benchmark]
    public Outcome<BookingEntry> BookOntoWaitlist()
    {
        var outcome = _full.Book(Scenarios.BookingId(Newcomer), _newcomer, Capacity, Scenarios.Now);
        if (outcome.Succeeded)
        {
            _full.Bookings.RemoveAt(_full.Bookings.Count - 1);
        }

        return outcome;
    }

    /// <summary>The duplicate check: the citizen of the last booking tries again and is refused.</summary>
    [Benchmark]
    public Outcome<BookingEntry> BookTwice() =>
        _full.Book(Scenarios.BookingId(Newcomer), _lastWaitlisted, Capacity, Scenarios.Now);

    /// <summary>A confirmed booking cancelled, its seat given to the first waitlisted booking.</summary>
    [Benchmark]
    public Outcome<BookingEntry> CancelWithPromotion()
    {
        var outcome = _full.Cancel(_firstConfirmed.Id, Capacity, Scenarios.Now);
        _full.Bookings[0] = _firstConfirmed;
        _full.Bookings[Capacity] = _firstWaitlisted;
        return outcome;
    }

    /// <summary>The report of a busy village house's last day, picked out of its 30 retained days.</summary>
    [Benchmark]
    public HelpPointReport StatsReportOfBusyDay() => _busy.StatsReport(Scenarios.HelpPointId, _fingerprintOf);
}
