using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using ProvincePlatform.Benchmarks;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Tests.Citizens;
using ProvincePlatform.Grains.Tests.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class HelpPointGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_commune_numbers_its_help_points_and_lists_them_in_order()
    {
        var commune = fixture.Client.GetGrain<ICommuneGrain>("20530");

        var office = await commune.AddHelpPointAsync(TestHelpPoints.CommuneOffice());
        var house = await commune.AddHelpPointAsync(TestHelpPoints.VillageHouse());

        Assert.Equal(["20530-1", "20530-2"], (await commune.GetHelpPointsAsync()).Select(helpPoint => helpPoint.Id));
        Assert.Equal((office.Id, house.Id), ("20530-1", "20530-2"));
        var activity = await fixture.Client.GetGrain<IProvinceGrain>("49").GetCommuneActivityAsync();
        Assert.Equal(2, activity["20530"].HelpPointCount);
    }

    [Fact]
    public async Task A_help_point_that_was_never_opened_is_not_found()
    {
        var grain = fixture.Client.GetGrain<IHelpPointGrain>("20530-999");

        Assert.Null(await grain.GetAsync());
        Assert.Equal(RefusalCode.HelpPointNotFound, (await grain.GetSessionsAsync(Today, Today)).Refusal?.Code);
    }

    [Fact]
    public async Task Hundred_parallel_bookings_fill_six_seats_and_six_waitlist_places_without_gaps_and_refuse_the_rest()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20533");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 100).Select(n =>
            grain.BookAsync(sessionId, new BookingRequest(TestCitizens.Number(n), "birthRegistration", Waitlist: true))));

        var bookings = outcomes.Where(outcome => outcome.Succeeded).Select(outcome => outcome.Value!).ToList();
        Assert.Equal(6, bookings.Count(booking => booking.Status == BookingStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, 6), bookings.Where(b => b.Status == BookingStatus.Waitlisted).Select(b => b.Position!.Value).Order());
        Assert.Equal(88, outcomes.Count(outcome => outcome.Refusal?.Code == RefusalCode.WaitlistFull));
        var session = (await grain.GetSessionsAsync(Today, Today)).Value.Single();
        Assert.Equal((6, 6, SessionStatus.Full), (session.Confirmed, session.Waitlisted, session.Status));
    }

    [Fact]
    public async Task Hundred_parallel_bookings_without_waitlist_confirm_exactly_six()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20536");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 100).Select(n =>
            grain.BookAsync(sessionId, new BookingRequest(TestCitizens.Number(n), "birthRegistration", Waitlist: false))));

        Assert.Equal(6, outcomes.Count(outcome => outcome.Succeeded));
        Assert.Equal(94, outcomes.Count(outcome => outcome.Refusal?.Code == RefusalCode.SessionFull));
    }

    [Fact]
    public async Task Cancelling_promotes_the_first_waitlisted_booking_at_once()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20539", computers: 1);
        var first = (await BookAsync(grain, sessionId, 1)).Value!;
        var second = (await BookAsync(grain, sessionId, 2, waitlist: true)).Value!;

        await grain.CancelBookingAsync(first.Id);

        Assert.Equal(BookingStatus.Confirmed, (await grain.GetBookingAsync(second.Id)).Value!.Status);
        Assert.Equal(BookingStatus.Cancelled, (await grain.GetBookingAsync(first.Id)).Value!.Status);
    }

    [Fact]
    public async Task A_closure_cancels_that_days_bookings_and_closes_its_sessions()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20542");
        var booking = (await BookAsync(grain, sessionId, 1)).Value!;

        var closure = await grain.AddClosureAsync(new Closure(Today, "Bão"));

        Assert.True(closure.Succeeded);
        Assert.Equal(BookingStatus.CancelledByHelpPoint, (await grain.GetBookingAsync(booking.Id)).Value!.Status);
        Assert.Equal(SessionStatus.Closed, (await grain.GetSessionsAsync(Today, Today)).Value.Single().Status);
        Assert.Equal(RefusalCode.SessionClosed, (await BookAsync(grain, sessionId, 2)).Refusal?.Code);
        Assert.Equal(RefusalCode.DateAlreadyClosed, (await grain.AddClosureAsync(new Closure(Today, "Bão"))).Refusal?.Code);
        Assert.Equal(RefusalCode.DateInPast, (await grain.AddClosureAsync(new Closure(Today.AddDays(-1), "Muộn"))).Refusal?.Code);
    }

    [Fact]
    public async Task Lowering_computers_below_a_future_sessions_confirmed_bookings_is_refused()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20545");
        await BookAsync(grain, sessionId, 1);
        await BookAsync(grain, sessionId, 2);

        var lowered = await grain.UpdateAsync(TestHelpPoints.VillageHouse(computers: 1));
        var dropped = await grain.UpdateAsync(TestHelpPoints.CommuneOffice());

        Assert.Equal(RefusalCode.CapacityBelowBookings, lowered.Refusal?.Code);
        Assert.Equal(RefusalCode.ScheduleDropsBookedSession, dropped.Refusal?.Code);
        Assert.Equal(6, (await grain.GetAsync())!.Definition.Computers);
    }

    [Fact]
    public async Task Raising_computers_gives_waitlisted_bookings_the_new_seats()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20548", computers: 1);
        await BookAsync(grain, sessionId, 1);
        var waitlisted = (await BookAsync(grain, sessionId, 2, waitlist: true)).Value!;

        await grain.UpdateAsync(TestHelpPoints.VillageHouse(computers: 2));

        Assert.Equal(BookingStatus.Confirmed, (await grain.GetBookingAsync(waitlisted.Id)).Value!.Status);
    }

    [Fact]
    public async Task The_housekeeping_reminder_records_no_shows_after_the_session_ends()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20551");
        var came = (await BookAsync(grain, sessionId, 1)).Value!;
        var stayedHome = (await BookAsync(grain, sessionId, 2)).Value!;
        Assert.NotNull(await ReminderOfAsync(grain));
        var end = (await grain.GetSessionsAsync(Today, Today)).Value.Single().End;
        fixture.Clock.SetUtcNow(end.AddMinutes(-30));
        await grain.CheckInAsync(came.Id);

        fixture.Clock.SetUtcNow(end.AddMinutes(1));
        Assert.Equal(BookingStatus.Confirmed, (await grain.GetBookingAsync(stayedHome.Id)).Value!.Status);
        await TickHousekeepingAsync(grain);

        Assert.Equal(BookingStatus.NoShow, (await grain.GetBookingAsync(stayedHome.Id)).Value!.Status);
        Assert.Equal(BookingStatus.CheckedIn, (await grain.GetBookingAsync(came.Id)).Value!.Status);
        Assert.Equal(1, (await grain.GetAsync())!.Figures.NoShows);
    }

    [Fact]
    public async Task Thirty_days_after_a_session_its_bookings_leave_the_state_and_its_figures_remain()
    {
        var (grain, sessionId) = await OpenVillageHouseAsync("20554");
        var booking = (await BookAsync(grain, sessionId, 1)).Value!;
        var end = (await grain.GetSessionsAsync(Today, Today)).Value.Single().End;

        fixture.Clock.SetUtcNow(end + HelpPointState.Retention + TimeSpan.FromMinutes(1));
        await TickHousekeepingAsync(grain);
        Assert.Equal(RefusalCode.BookingNotFound, (await grain.GetBookingAsync(booking.Id)).Refusal?.Code);

        var figures = (await grain.GetAsync())!.Figures;
        Assert.Equal((1, 1), (figures.Bookings, figures.NoShows));
        Assert.Null(await ReminderOfAsync(grain));
    }

    [Fact]
    public async Task A_help_point_stored_whole_by_an_earlier_version_is_read_once_then_kept_as_rows_and_the_whole_copy_cleared()
    {
        fixture.NextMorning();
        var slot = new SessionSlot(Today, new TimeOnly(19, 0), new TimeOnly(20, 0));
        var ledger = new SessionLedger(slot);
        var booking = ledger.Book("20557-1-abcdefghjk", new BookingRequest(TestCitizens.Number(1), "birthRegistration", false), 6, fixture.Clock.GetUtcNow()).Value!;
        var whole = new HelpPointState { CommuneCode = "20557", Definition = TestHelpPoints.VillageHouse(), OpenedOn = Today, DefinitionSince = Today };
        whole.Sessions[slot.Id] = ledger;
        whole.BookingSessions[booking.Id] = slot.Id;
        var grain = fixture.Client.GetGrain<IHelpPointGrain>("20557-1");
        var key = (HelpPointGrain.WholeStateName, grain.GetGrainId());
        using var services = StateSerialisationBenchmarks.SerializerServices();
        var serializer = services.GetRequiredService<Serializer>();
        fixture.StoredStates[key] = (serializer.SerializeToArray(whole), "legacy");

        var found = await grain.GetBookingAsync(booking.Id);
        var next = await BookAsync(grain, slot.Id, 2);

        Assert.Equal(BookingStatus.Confirmed, found.Value?.Status);
        Assert.True(next.Succeeded);
        Assert.False(fixture.StoredStates.ContainsKey(key));
        var rows = (await new InMemoryHelpPointStore(fixture.HelpPointRows, serializer).ReadAsync(grain.GetPrimaryKeyString()))!;
        Assert.False(rows.State.WholeStateToClear);
        Assert.Equal([booking.Id, next.Value!.Id], rows.State.Sessions[slot.Id].Bookings.Select(entry => entry.Id));
    }

    private DateOnly Today => VietnamTime.Today(fixture.Clock);

    /// <summary>Opens a village house in a commune of its own and returns it with the evening session of a fresh day.</summary>
    private async Task<(IHelpPointGrain Grain, string SessionId)> OpenVillageHouseAsync(string communeCode, int computers = 6)
    {
        fixture.NextMorning();
        var details = await fixture.Client.GetGrain<ICommuneGrain>(communeCode).AddHelpPointAsync(TestHelpPoints.VillageHouse(computers));
        var grain = fixture.Client.GetGrain<IHelpPointGrain>(details.Id);
        return (grain, SessionSlot.FormatId(Today, new TimeOnly(19, 0)));
    }

    private static Task<Outcome<BookingView>> BookAsync(IHelpPointGrain grain, string sessionId, int citizen, bool waitlist = false) =>
        grain.BookAsync(sessionId, new BookingRequest(TestCitizens.Number(citizen), "birthRegistration", waitlist));

    /// <summary>Delivers the housekeeping tick as the reminder service would; the reminder's own timer runs on real time.</summary>
    private static Task TickHousekeepingAsync(IHelpPointGrain grain) =>
        grain.AsReference<IRemindable>().ReceiveReminder(HelpPointGrain.HousekeepingReminder, default);

    private Task<ReminderEntry?> ReminderOfAsync(IHelpPointGrain grain) =>
        fixture.Reminders.ReadRow(grain.GetGrainId(), HelpPointGrain.HousekeepingReminder);
}
