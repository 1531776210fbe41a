using System.Reflection;
using BenchmarkDotNet.Attributes;
using ProvincePlatform.Benchmarks;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Benchmarks;

/// <summary>
/// The smoke run of the micro-benchmarks: each benchmark's setup and every benchmark method once, with checks that
/// they do the work they claim to measure. Nothing is timed; this only keeps the benchmarks from rotting.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<Type> BenchmarkClasses() => [.. BenchmarkTypes()];

    [Fact]
    public void The_three_hot_paths_have_benchmarks()
    {
        Assert.Equal(
            [typeof(BookingDecisionBenchmarks), typeof(SessionDerivationBenchmarks), typeof(StateSerialisationBenchmarks)],
            BenchmarkTypes());
    }

    [Theory]
    [MemberData(nameof(BenchmarkClasses))]
    public void Every_benchmark_runs_once_after_its_setup_and_returns_a_result(Type benchmarkClass)
    {
        var benchmarks = Activator.CreateInstance(benchmarkClass)!;
        InvokeAll<GlobalSetupAttribute>(benchmarks);
        try
        {
            foreach (var method in Methods<BenchmarkAttribute>(benchmarkClass))
            {
                Assert.NotNull(method.Invoke(benchmarks, null));
            }
        }
        finally
        {
            InvokeAll<GlobalCleanupAttribute>(benchmarks);
        }
    }

    [Fact]
    public void Session_derivation_finds_every_session_of_62_days()
    {
        var benchmarks = new SessionDerivationBenchmarks();
        benchmarks.Setup();

        // 2026-12-01 to 2027-01-31 has 44 weekdays.
        Assert.Equal(44 * 2, benchmarks.CommuneOffice62Days());
        Assert.Equal(44 * (8 + 7), benchmarks.CommuneOfficeHalfHours62Days());
        Assert.Equal(62, benchmarks.VillageHouse62Days());
        Assert.Equal(new SessionSlot(new(2027, 1, 29), new(16, 30), new(17, 0)), benchmarks.FindSession());
    }

    [Fact]
    public void Booking_decisions_give_the_outcomes_they_measure_and_leave_the_session_as_it_was()
    {
        var benchmarks = new BookingDecisionBenchmarks();
        benchmarks.Setup();

        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(BookingStatus.Confirmed, benchmarks.BookIntoEmptySession().Value!.Status);
            Assert.Equal(BookingStatus.Waitlisted, benchmarks.BookOntoWaitlist().Value!.Status);
            Assert.Equal(RefusalCode.AlreadyBooked, benchmarks.BookTwice().Refusal!.Code);
            Assert.Equal(BookingStatus.Cancelled, benchmarks.CancelWithPromotion().Value!.Status);
            Assert.Equal(
                (11, 6, 5, BookingStatus.Confirmed, BookingStatus.Waitlisted),
                (benchmarks.FullSession.Bookings.Count, benchmarks.FullSession.SeatsTaken, benchmarks.FullSession.WaitlistLength,
                    benchmarks.FullSession.Bookings[0].Status, benchmarks.FullSession.Bookings[6].Status));
        }

        var report = benchmarks.StatsReportOfBusyDay();
        var day = Assert.Single(report.Days);
        Assert.Equal(Scenarios.Today.AddDays(-1), day.Date);
        Assert.Equal(new HelpPointFigures(8, 5, 0, 1, 1, 0), day.Figures);
        Assert.Equal(5, day.Guided.Distinct().Count());
    }

    [Fact]
    public void The_full_session_has_six_seats_taken_and_a_waitlist_one_place_short_of_its_limit()
    {
        var session = Scenarios.Session(Scenarios.VillageHouseComputers, BookingDecisionBenchmarks.FullSessionBookings);

        Assert.Equal(6, session.SeatsTaken);
        Assert.Equal(5, session.WaitlistLength);
    }

    [Fact]
    public void The_busy_help_point_read_back_from_its_rows_is_the_state_that_was_written()
    {
        var benchmarks = new StateSerialisationBenchmarks();
        benchmarks.Setup();
        try
        {
            var original = Scenarios.BusyVillageHouse();
            var copy = benchmarks.ReadHelpPointRows();

            Assert.Equal(30, copy.Sessions.Count);
            Assert.Equal(30 * 8, copy.BookingSessions.Count);
            Assert.Equal(original.BookingSessions, copy.BookingSessions);
            foreach (var (sessionId, ledger) in original.Sessions)
            {
                var copied = copy.Sessions[sessionId];
                Assert.Equal((ledger.SessionId, ledger.StartsAt, ledger.EndsAt, ledger.Settled), (copied.SessionId, copied.StartsAt, copied.EndsAt, copied.Settled));
                Assert.Equal(ledger.Bookings, copied.Bookings);
            }

            Assert.Equal(original.Closures, copy.Closures);
            Assert.Equal(original.UnreportedDays, copy.UnreportedDays);
            Assert.Equal((original.CommuneCode, original.ReportSequence, original.ArchivedFigures, original.OpenedOn, original.DefinitionSince), (copy.CommuneCode, copy.ReportSequence, copy.ArchivedFigures, copy.OpenedOn, copy.DefinitionSince));
            AssertSameSeats(original.Definition!, copy.Definition!);
            // A booking writes one session: a small share of what it wrote when the state was stored whole.
            Assert.InRange(benchmarks.SessionLedgerBytes, 300, benchmarks.HelpPointStateBytes / 20);
            Assert.InRange(benchmarks.HelpPointRowsBytes, benchmarks.HelpPointStateBytes / 2, benchmarks.HelpPointStateBytes * 2);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public void The_commune_stats_of_a_year_survive_the_round_trip()
    {
        var benchmarks = new StateSerialisationBenchmarks();
        benchmarks.Setup();
        try
        {
            var original = Scenarios.CommuneYear();
            var copy = benchmarks.RoundTripCommuneStatsState();

            Assert.Equal(original.HelpPoints.Keys.Order(), copy.HelpPoints.Keys.Order());
            foreach (var (helpPointId, record) in original.HelpPoints)
            {
                var copied = copy.HelpPoints[helpPointId];
                Assert.Equal((record.Sequence, record.OpenedOn), (copied.Sequence, copied.OpenedOn));
                Assert.Equal(record.Closures, copied.Closures);
                Assert.Equal(record.Definitions.Select(dated => dated.From), copied.Definitions.Select(dated => dated.From));
                AssertSameSeats(record.Definition!, copied.Definition!);
                Assert.Equal(record.Days.Keys.Order(), copied.Days.Keys.Order());
                Assert.All(record.Days, pair =>
                {
                    Assert.Equal(pair.Value.Figures, copied.Days[pair.Key].Figures);
                    Assert.Equal(pair.Value.Guided.AsEnumerable(), copied.Days[pair.Key].Guided.AsEnumerable());
                });
            }

            // A commune office has a day for each weekday, a village house for each day, less 12 closures each.
            Assert.InRange(original.HelpPoints.Values.Sum(record => record.Days.Count), 5 * (365 - 12), 5 * 365 + 261);
            Assert.InRange(benchmarks.CommuneStatsStateBytes, 100_000, 10_000_000);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    // Opening periods hold immutable arrays, which compare by reference: compare what they say.
    private static void AssertSameSeats(HelpPointDefinition expected, HelpPointDefinition actual)
    {
        Assert.Equal((expected.Name, expected.Kind, expected.Computers), (actual.Name, actual.Kind, actual.Computers));
        Assert.Equal(
            expected.OpeningHours.Select(period => (string.Join(',', period.Days), period.Start, period.End, period.SlotMinutes)),
            actual.OpeningHours.Select(period => (string.Join(',', period.Days), period.Start, period.End, period.SlotMinutes)));
    }

    private static IEnumerable<Type> BenchmarkTypes() =>
        typeof(Scenarios).Assembly.GetExportedTypes()
            .Where(type => Methods<BenchmarkAttribute>(type).Any())
            .OrderBy(type => type.Name, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> Methods<TAttribute>(Type type)
        where TAttribute : Attribute =>
        type.GetMethods().Where(method => method.IsDefined(typeof(TAttribute)));

    private static void InvokeAll<TAttribute>(object benchmarks)
        where TAttribute : Attribute
    {
        foreach (var method in Methods<TAttribute>(benchmarks.GetType()))
        {
            method.Invoke(benchmarks, null);
        }
    }
}
