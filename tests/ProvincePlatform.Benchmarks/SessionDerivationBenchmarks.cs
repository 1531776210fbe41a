using BenchmarkDotNet.Attributes;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Benchmarks;

/// <summary>
/// Session derivation: the sessions a help point's opening hours give over the longest range the sessions API
/// serves (62 days), and the lookup of one session, which every booking does first.
/// </summary>
[MemoryDiagnoser]
public class SessionDerivationBenchmarks
{
    private OpeningSchedule _communeOffice = null!;
    private OpeningSchedule _communeOfficeHalfHours = null!;
    private OpeningSchedule _villageHouse = null!;
    private DateOnly _from;
    private DateOnly _to;
    private DateOnly _lastWeekday;

    [GlobalSetup]
    public void Setup()
    {
        _communeOffice = new OpeningSchedule(Scenarios.CommuneOffice().OpeningHours);
        _communeOfficeHalfHours = new OpeningSchedule(Scenarios.CommuneOffice(slotMinutes: 30).OpeningHours);
        _villageHouse = new OpeningSchedule(Scenarios.VillageHouse().OpeningHours);
        _from = Scenarios.Today;
        _to = _from.AddDays(Scenarios.MaxSessionDays - 1);

        // The afternoon of the range's last weekday: the lookup of the later period of a two-period day.
        _lastWeekday = _to;
        while (_lastWeekday.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            _lastWeekday = _lastWeekday.AddDays(-1);
        }
    }

    /// <summary>Two weekday periods, each one session: 2 sessions a weekday.</summary>
    [Benchmark]
    public int CommuneOffice62Days() => _communeOffice.SlotsBetween(_from, _to).Count();

    /// <summary>The same periods cut into 30-minute slots: 15 sessions a weekday.</summary>
    [Benchmark]
    public int CommuneOfficeHalfHours62Days() => _communeOfficeHalfHours.SlotsBetween(_from, _to).Count();

    /// <summary>One evening session every day.</summary>
    [Benchmark]
    public int VillageHouse62Days() => _villageHouse.SlotsBetween(_from, _to).Count();

    /// <summary>The session a booking names, found among the half-hour slots of its day.</summary>
    [Benchmark]
    public SessionSlot? FindSession() => _communeOfficeHalfHours.Find(_lastWeekday, new TimeOnly(16, 30));
}
