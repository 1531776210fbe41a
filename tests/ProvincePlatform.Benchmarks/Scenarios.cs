using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Stats;

namespace ProvincePlatform.Benchmarks;

/// <summary>
/// The data the benchmarks work on, sized like the busiest help points of the Đại Thạnh model. Everything is
/// deterministic (fixed dates, numbered citizens and bookings, seeded fingerprints) so that two runs measure the same
/// work and the smoke tests can check exact figures.
/// </summary>
public static class Scenarios
{
    public const string HelpPointId = "20527-2";

    /// <summary>Seats of a village house: six computers.</summary>
    public const int VillageHouseComputers = 6;

    /// <summary>The longest range the sessions API serves in one call.</summary>
    public const int MaxSessionDays = 62;

    public static readonly ImmutableArray<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static readonly ImmutableArray<DayOfWeek> EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    /// <summary>A Tuesday; the session ranges start on it and the busy states end the day before it.</summary>
    public static DateOnly Today { get; } = new(2026, 12, 1);

    public static DateTimeOffset Now { get; } = VietnamTime.ToInstant(Today, new TimeOnly(8, 0));

    /// <summary>A commune office: weekday mornings and afternoons, each one session, or cut into slots.</summary>
    public static HelpPointDefinition CommuneOffice(int? slotMinutes = null) => new(
        "Trụ sở Công an xã", HelpPointKind.CommuneOffice, "UBND xã Đại Thạnh", 3,
        [
            new OpeningPeriod(Weekdays, new(7, 30), new(11, 30), slotMinutes),
            new OpeningPeriod(Weekdays, new(13, 30), new(17, 0), slotMinutes),
        ]);

    /// <summary>A village house: every evening 19:00–20:00.</summary>
    public static HelpPointDefinition VillageHouse() => new(
        "Nhà văn hóa thôn Tây Sơn", HelpPointKind.VillageHouse, "Thôn Tây Sơn, xã Đại Thạnh", VillageHouseComputers,
        [new OpeningPeriod(EveryDay, new(19, 0), new(20, 0))]);

    public static Citizen Citizen(int number) =>
        new($"0520900{number:D5}", $"Nguyễn Thị Hồng Nhung {number}", $"09{number:D8}");

    public static BookingRequest Request(int citizen) => new(Citizen(citizen), "cccd-renewal", Waitlist: true);

    /// <summary>A booking id of the stored form, <c>{helpPointId}-{10 characters}</c>, numbered instead of random.</summary>
    public static string BookingId(int number) => $"{HelpPointId}-{number:D10}";

    /// <summary>The village house's session on a date.</summary>
    public static SessionSlot VillageHouseSlot(DateOnly date) => new(date, new(19, 0), new(20, 0));

    /// <summary>
    /// The session of tomorrow evening with <paramref name="bookings"/> bookings placed through the ledger's rules:
    /// the first <paramref name="capacity"/> confirmed, the rest waitlisted in order. Citizens and bookings are
    /// numbered from <paramref name="firstCitizen"/>.
    /// </summary>
    public static SessionLedger Session(int capacity, int bookings, int firstCitizen = 1)
    {
        var ledger = new SessionLedger(VillageHouseSlot(Today.AddDays(1)));
        for (var number = firstCitizen; number < firstCitizen + bookings; number++)
        {
            ledger.Book(BookingId(number), Request(number), capacity, Now).ThrowIfRefused();
        }

        return ledger;
    }

    /// <summary>
    /// The retained working state of a busy village house: a session every evening of the <paramref name="days"/> days
    /// before <see cref="Today"/>, each with <paramref name="bookingsPerSession"/> bookings made two days ahead (six seats, the rest waitlisted),
    /// the first cancelled (promoting the first waitlisted), the other seated ones checked in except the promoted one
    /// (a no-show), then settled.
    /// The last day is the one the stats have not heard of yet.
    /// </summary>
    public static HelpPointState BusyVillageHouse(int days = 30, int bookingsPerSession = 8)
    {
        var definition = VillageHouse();
        var state = new HelpPointState
        {
            CommuneCode = "20527",
            Definition = definition,
            OpenedOn = Today.AddDays(-120),
            DefinitionSince = Today.AddDays(-120),
            ArchivedFigures = new HelpPointFigures(540, 410, 35, 60, 70, 0),
            ReportSequence = 1_000,
        };
        state.Closures[Today.AddDays(-3)] = "Họp thôn / Village meeting";

        var number = 0;
        for (var date = Today.AddDays(-days); date < Today; date = date.AddDays(1))
        {
            var slot = VillageHouseSlot(date);
            var ledger = new SessionLedger(slot);
            var placedAt = slot.StartsAt.AddDays(-2);
            var ids = new List<string>();
            for (var i = 0; i < bookingsPerSession; i++)
            {
                var id = BookingId(++number);
                ledger.Book(id, Request(number), definition.Computers, placedAt).ThrowIfRefused();
                state.BookingSessions[id] = slot.Id;
                ids.Add(id);
            }

            ledger.Cancel(ids[0], definition.Computers, placedAt.AddHours(1)).ThrowIfRefused();
            // The promoted booking never comes (a no-show) and the last stays waitlisted.
            foreach (var id in ids.Skip(1).Take(bookingsPerSession - 3))
            {
                ledger.CheckIn(id, slot.StartsAt.AddMinutes(5)).ThrowIfRefused();
            }

            ledger.Settle(slot.EndsAt);
            state.Sessions[slot.Id] = ledger;
        }

        state.LedgerChanged(state.Sessions[VillageHouseSlot(Today.AddDays(-1)).Id]);
        return state;
    }

    /// <summary>
    /// A commune's stats after a year: a commune office (weekdays) and five village houses (every day), each with
    /// the figures of every day it had bookings and the fingerprints of about six citizens guided that day.
    /// </summary>
    public static CommuneStatsState CommuneYear(int helpPoints = 6, int days = 365)
    {
        var random = new Random(20527);
        var state = new CommuneStatsState();
        var from = Today.AddDays(-days);
        for (var point = 1; point <= helpPoints; point++)
        {
            var definition = point == 1 ? CommuneOffice() : VillageHouse();
            var schedule = new OpeningSchedule(definition.OpeningHours);
            var record = new HelpPointRecord { Sequence = 4_000 + point, OpenedOn = from };
            record.Definitions.Add(new DatedDefinition(from, definition));
            for (var holiday = 0; holiday < 12; holiday++)
            {
                record.Closures.Add(from.AddDays(holiday * 30));
            }

            for (var date = from; date < Today; date = date.AddDays(1))
            {
                if (record.Closures.Contains(date) || !schedule.SlotsOn(date).Any())
                {
                    continue;
                }

                ImmutableArray<long> guided = [.. Enumerable.Range(0, 6).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
                record.Days[date] = new HelpPointDay(date, new HelpPointFigures(8, 5, 1, 1, 1, 0), guided);
            }

            state.HelpPoints[$"20527-{point}"] = record;
        }

        return state;
    }

    private static void ThrowIfRefused<T>(this ProvincePlatform.Contracts.Common.Outcome<T> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The scenario expected success, got {outcome.Refusal.Code}.");
        }
    }
}
