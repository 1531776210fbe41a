using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Grains.Tests.Citizens;
using ProvincePlatform.Grains.Tests.HelpPoints;
using ProvincePlatform.Grains.Tests.Requests;
using ProvincePlatform.Grains.Tests.Stats;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>
/// A generated month in three communes of Huyện Duy Xuyên (no other test uses the district): bookings a day ahead,
/// cancellations, check-ins, walk-ins, no-shows, a closure, a change of computers and requests in every state, from a
/// fixed seed. Every figure the stats keep incrementally must equal the one computed from the raw bookings and requests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StatsMonthTests(ClusterFixture fixture) : IDisposable
{
    private const string District = "508";
    private const int Days = 28;
    private static readonly TimeOnly s_morningCheckIns = new(7, 35);
    private static readonly TimeOnly s_afternoonCheckIns = new(13, 35);
    private static readonly TimeOnly s_eveningCheckIns = new(19, 5);

    private readonly Random _random = new(20261201);
    private readonly List<string> _bookingIds = [];
    private readonly Dictionary<string, (string HelpPointId, string SessionId)> _bookedSessions = [];
    private readonly Dictionary<string, ICitizenRequestGrain> _requests = [];
    private readonly Dictionary<string, List<DatedComputers>> _computers = [];
    private readonly Dictionary<string, DateOnly> _closures = [];

    public void Dispose()
    {
        fixture.PortalDefaults();
        fixture.StoredStates.RefuseWrite = _ => false;
    }

    [Fact]
    public async Task Every_figure_of_a_generated_month_equals_the_one_computed_from_the_raw_bookings_and_requests()
    {
        var communes = fixture.Directory.Search(District, null).Take(3).Select(commune => commune.Code).ToList();
        var opened = fixture.NextMorning();
        var helpPoints = await OpenHelpPointsAsync(communes, opened);
        var first = opened.AddDays(1);
        for (var day = first; day < first.AddDays(Days); day = day.AddDays(1))
        {
            await LiveDayAsync(day, helpPoints);
        }

        // The last no-shows settle and every help point reports what it has not yet reported.
        fixture.Clock.SetUtcNow(VietnamTime.ToInstant(first.AddDays(Days), new TimeOnly(7, 0)));
        await HousekeepAsync(helpPoints.Keys);
        // Read before requests are followed for days: sessions leave a help point's working state 30 days after they end.
        var bookings = await Task.WhenAll(_bookingIds.Select(BookingAsync));
        await FileRequestsAsync();

        var raw = new RawStats(
            bookings,
            [.. (await Task.WhenAll(communes.Select(code => fixture.Client.GetGrain<IRequestRegisterGrain>(code).ListAsync(new RequestQuery(null, null, null, 1, 10_000)))))
                .SelectMany(page => page.Items)]);
        Assert.True(raw.Of(first, first.AddDays(Days - 1)) is { CheckIns: > 100, NoShows: > 10, WalkIns: > 10, Cancellations: > 5, GuidedRequests: > 5 },
            "The generated month should exercise every figure.");

        foreach (var (from, to) in new[] { (first, first.AddDays(Days - 1)), (first.AddDays(5), first.AddDays(19)), (first.AddDays(9), first.AddDays(9)) })
        {
            foreach (var code in communes)
            {
                var slice = await fixture.Client.GetGrain<ICommuneStatsGrain>(code).GetAsync(from, to);
                AssertFigures(raw.Of(from, to, InCommune(code), request => request.CommuneCode == code), slice.Totals, $"{code} {from}..{to}");
                Assert.Equal(ExpectedSeats(helpPoints.Keys.Where(id => id.StartsWith(code, StringComparison.Ordinal)), from, to), slice.Totals.SeatsOffered);
                foreach (var use in slice.HelpPoints)
                {
                    Assert.Equal(ExpectedSeats([use.HelpPointId], from, to), use.SeatsOffered);
                    var own = raw.Of(from, to, booking => booking.HelpPointId == use.HelpPointId, _ => false);
                    Assert.Equal(own.CheckIns + own.WalkIns, use.SeatsUsed);
                }

                foreach (var week in slice.Weeks)
                {
                    AssertFigures(raw.Of(week.From, week.To, InCommune(code), request => request.CommuneCode == code), week.Figures, $"{code} week {week.WeekStart}");
                }
            }

            var district = await fixture.Client.GetGrain<IProvinceStatsGrain>(0).GetAsync(from, to, District);
            Assert.Equal(communes, district.Communes.Select(slice => slice.CommuneCode));
            AssertFigures(raw.Of(from, to), district.Totals, $"district {from}..{to}");
            AssertFigures(raw.Of(from, to), Assert.Single(district.Districts).Totals, $"district line {from}..{to}");
            Assert.Equal(ExpectedSeats(helpPoints.Keys, from, to), district.Totals.SeatsOffered);
            foreach (var week in district.Weeks)
            {
                AssertFigures(raw.Of(week.From, week.To), week.Figures, $"district week {week.WeekStart}");
            }
        }
    }

    private static Func<BookingView, bool> InCommune(string code) => booking => booking.HelpPointId.StartsWith(code + "-", StringComparison.Ordinal);

    private static void AssertFigures(RawStats.Figures expected, StatsFigures actual, string what)
    {
        Assert.True(
            (expected.CitizensGuided, expected.Bookings, expected.CheckIns, expected.NoShows, expected.WalkIns, expected.Cancellations,
                expected.CheckIns + expected.WalkIns, expected.Requests, expected.RequestsFiledOnline, expected.GuidedRequests, expected.GuidedRequestsFiledOnline)
            == (actual.CitizensGuided, actual.Bookings, actual.CheckIns, actual.NoShows, actual.WalkIns, actual.Cancellations,
                actual.SeatsUsed, actual.Requests, actual.RequestsFiledOnline, actual.GuidedRequests, actual.GuidedRequestsFiledOnline),
            $"{what}: expected {expected}, the stats say {actual}");
        foreach (var (status, count) in expected.RequestsByStatus)
        {
            Assert.True(count == actual.RequestsByStatus.GetValueOrDefault(status), $"{what}: {status} expected {count}");
        }

        Assert.Equal(expected.RequestsByService.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key),
            actual.RequestsByService.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key));
    }

    /// <summary>Computers × sessions of each day the help point was open, as the test set them up.</summary>
    private int ExpectedSeats(IEnumerable<string> helpPointIds, DateOnly from, DateOnly to)
    {
        var seats = 0;
        foreach (var id in helpPointIds)
        {
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                if (_closures.GetValueOrDefault(id) == date)
                {
                    continue;
                }

                var computers = _computers[id].Last(dated => dated.From <= date).Computers;
                var sessions = id.EndsWith("-1", StringComparison.Ordinal)
                    ? date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 2
                    : 1;
                seats += computers * sessions;
            }
        }

        return seats;
    }

    private async Task<Dictionary<string, HelpPointDefinition>> OpenHelpPointsAsync(IEnumerable<string> communes, DateOnly opened)
    {
        var helpPoints = new Dictionary<string, HelpPointDefinition>();
        foreach (var code in communes)
        {
            foreach (var definition in new[] { TestHelpPoints.CommuneOffice(), TestHelpPoints.VillageHouse() })
            {
                var details = await fixture.Client.GetGrain<ICommuneGrain>(code).AddHelpPointAsync(definition);
                helpPoints[details.Id] = definition;
                _computers[details.Id] = [new DatedComputers(opened, definition.Computers)];
            }
        }

        return helpPoints;
    }

    private async Task LiveDayAsync(DateOnly day, Dictionary<string, HelpPointDefinition> helpPoints)
    {
        fixture.Clock.SetUtcNow(VietnamTime.ToInstant(day, new TimeOnly(7, 0)));
        await HousekeepAsync(helpPoints.Keys);
        var ids = helpPoints.Keys.ToList();
        var offset = day.DayNumber - _computers.Values.First()[0].From.DayNumber;
        if (offset == 14)
        {
            // One village house gets two more computers from today on.
            var changed = ids[1];
            var more = helpPoints[changed] with { Computers = 8 };
            Assert.True((await fixture.Client.GetGrain<IHelpPointGrain>(changed).UpdateAsync(more)).Succeeded);
            helpPoints[changed] = more;
            _computers[changed].Add(new DatedComputers(day, 8));
        }

        await BookTomorrowAsync(day.AddDays(1), helpPoints);
        if (offset == 10)
        {
            // Another closes tomorrow: the bookings just made for it are cancelled by the help point.
            var closed = ids[3];
            Assert.True((await fixture.Client.GetGrain<IHelpPointGrain>(closed).AddClosureAsync(new Closure(day.AddDays(1), "Họp thôn"))).Succeeded);
            _closures[closed] = day.AddDays(1);
        }

        foreach (var time in new[] { s_morningCheckIns, s_afternoonCheckIns, s_eveningCheckIns })
        {
            fixture.Clock.SetUtcNow(VietnamTime.ToInstant(day, time));
            await RunSessionsAsync(day, time, helpPoints);
            if (time == s_morningCheckIns)
            {
                await OpenRequestsAsync(helpPoints.Keys.Select(id => id[..5]).Distinct());
            }
        }
    }

    private async Task BookTomorrowAsync(DateOnly tomorrow, Dictionary<string, HelpPointDefinition> helpPoints)
    {
        foreach (var (id, definition) in helpPoints)
        {
            foreach (var slot in new OpeningSchedule(definition.OpeningHours).SlotsOn(tomorrow))
            {
                var grain = fixture.Client.GetGrain<IHelpPointGrain>(id);
                for (var n = _random.Next(definition.Computers + 3); n > 0; n--)
                {
                    var booked = await grain.BookAsync(slot.Id, new BookingRequest(Citizen(), "birthRegistration", _random.Next(2) == 0));
                    if (booked.Succeeded)
                    {
                        Record(booked.Value!);
                        if (_random.Next(10) == 0)
                        {
                            Assert.True((await grain.CancelBookingAsync(booked.Value!.Id)).Succeeded);
                        }
                    }
                }
            }
        }
    }

    private async Task RunSessionsAsync(DateOnly day, TimeOnly now, Dictionary<string, HelpPointDefinition> helpPoints)
    {
        foreach (var (id, definition) in helpPoints)
        {
            var grain = fixture.Client.GetGrain<IHelpPointGrain>(id);
            var running = new OpeningSchedule(definition.OpeningHours).SlotsOn(day)
                .Where(slot => slot.Start <= now && now < slot.End).Select(slot => slot.Id).ToList();
            foreach (var sessionId in running)
            {
                foreach (var bookingId in _bookedSessions.Where(pair => pair.Value == (id, sessionId)).Select(pair => pair.Key).ToList())
                {
                    if (_random.Next(4) != 0)
                    {
                        // Refused for bookings that are waitlisted or cancelled, as at a real help point.
                        await grain.CheckInAsync(bookingId);
                    }
                }

                for (var n = _random.Next(3); n > 0; n--)
                {
                    var walkedIn = await grain.WalkInAsync(sessionId, new WalkInRequest(Citizen(), "oldIdConfirmation"));
                    if (walkedIn.Succeeded)
                    {
                        Record(walkedIn.Value!);
                    }
                }
            }
        }
    }

    /// <summary>Requests of citizens guided so far (with their booking) and of others (without).</summary>
    private async Task OpenRequestsAsync(IEnumerable<string> communes)
    {
        foreach (var code in communes)
        {
            for (var n = _random.Next(3); n > 0; n--)
            {
                var ownBookings = _bookedSessions.Where(pair => pair.Value.HelpPointId.StartsWith(code, StringComparison.Ordinal)).Select(pair => pair.Key).ToList();
                var bookingId = ownBookings.Count > 0 && _random.Next(2) == 0 ? ownBookings[_random.Next(ownBookings.Count)] : null;
                var citizen = bookingId is null ? Citizen() : (await BookingAsync(bookingId)).Citizen;
                var request = _random.Next(3) == 0
                    ? new NewRequest(code, citizen, "oldIdConfirmation", bookingId, ImmutableDictionary<string, string>.Empty.Add("oldIdNumber", "201234567"))
                    : TestRequests.Birth(code) with { Citizen = citizen, BookingId = bookingId };
                var id = RequestIds.New(code);
                var grain = fixture.Client.GetGrain<ICitizenRequestGrain>(id);
                Assert.True((await grain.CreateAsync(request)).Succeeded);
                _requests[id] = grain;
            }
        }
    }

    /// <summary>A third stay drafts, one in ten is refused by the portal for good, the rest are filed and followed for a few days.</summary>
    private async Task FileRequestsAsync()
    {
        var grains = _requests.Values.ToList();
        var refused = grains.Where((_, index) => index % 10 == 3).ToList();
        var filed = grains.Where((_, index) => index % 3 != 0 && index % 10 != 3).ToList();
        fixture.Portal.Configure(options => options.RefusalRate = 1);
        foreach (var grain in refused)
        {
            await grain.SubmitAsync(null);
            await TickAsync(grain);
        }

        fixture.PortalDefaults();
        foreach (var grain in filed)
        {
            await grain.SubmitAsync(null);
            await TickAsync(grain);
        }

        foreach (var grain in filed.Where((_, index) => index % 2 == 0))
        {
            fixture.Clock.Advance(TimeSpan.FromDays(1));
            await TickAsync(grain);
        }

        Assert.DoesNotContain(RequestStatus.Submitting, await Task.WhenAll(grains.Select(async grain => (await grain.GetAsync())!.Status)));
    }

    private static Task TickAsync(ICitizenRequestGrain grain) =>
        grain.AsReference<IRemindable>().ReceiveReminder(CitizenRequestGrain.PortalReminder, default);

    private Task HousekeepAsync(IEnumerable<string> helpPointIds) =>
        Task.WhenAll(helpPointIds.Select(id => fixture.Client.GetGrain<IHelpPointGrain>(id).AsReference<IRemindable>()
            .ReceiveReminder(HelpPointGrain.HousekeepingReminder, default)));

    private async Task<BookingView> BookingAsync(string bookingId) =>
        (await fixture.Client.GetGrain<IHelpPointGrain>(_bookedSessions[bookingId].HelpPointId).GetBookingAsync(bookingId)).Value!;

    private void Record(BookingView booking)
    {
        _bookingIds.Add(booking.Id);
        _bookedSessions[booking.Id] = (booking.HelpPointId, booking.SessionId);
    }

    /// <summary>One of 120 citizens, so that many come more than once, to several communes.</summary>
    private Citizen Citizen() => TestCitizens.Number(7000 + _random.Next(120));

    private sealed record DatedComputers(DateOnly From, int Computers);
}
