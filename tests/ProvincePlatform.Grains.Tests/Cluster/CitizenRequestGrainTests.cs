using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Grains.Tests.Citizens;
using ProvincePlatform.Grains.Tests.HelpPoints;
using ProvincePlatform.Grains.Tests.Requests;

namespace ProvincePlatform.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class CitizenRequestGrainTests(ClusterFixture fixture) : IDisposable
{
    private static readonly SubmissionOptions s_options = new();

    public void Dispose()
    {
        fixture.PortalDefaults();
        fixture.StoredStates.RefuseWrite = _ => false;
        fixture.Reminders.RefuseUpsert = _ => false;
    }

    [Fact]
    public async Task A_new_request_is_a_draft_listed_by_its_commune_and_found_by_its_citizen()
    {
        var (grain, id) = await CreateAsync(TestRequests.Birth("20560", citizen: 11));

        var view = await grain.GetAsync();

        Assert.Equal(RequestStatus.Draft, view!.Status);
        var page = await fixture.Client.GetGrain<IRequestRegisterGrain>("20560").ListAsync(new RequestQuery(null, null, null, 1, 20));
        Assert.Equal([id], page.Items.Select(item => item.Id));
        var footprint = await fixture.CitizenIndex.FindAsync(fixture.CitizenKeys.KeyOf(TestCitizens.Number(11).IdNumber));
        Assert.Contains(id, footprint.RequestIds);
    }

    [Fact]
    public async Task A_request_may_name_the_citizens_own_booking_in_its_commune_only()
    {
        var today = fixture.NextMorning();
        var helpPoint = await fixture.Client.GetGrain<ICommuneGrain>("20563").AddHelpPointAsync(TestHelpPoints.VillageHouse());
        var sessionId = SessionSlot.FormatId(today, new TimeOnly(19, 0));
        var booking = (await fixture.Client.GetGrain<IHelpPointGrain>(helpPoint.Id)
            .BookAsync(sessionId, new BookingRequest(TestCitizens.Number(12), "birthRegistration", false))).Value!;

        var own = await CreateAsync(TestRequests.Birth("20563", citizen: 12) with { BookingId = booking.Id });
        var someoneElses = await fixture.Client.GetGrain<ICitizenRequestGrain>(RequestIds.New("20563"))
            .CreateAsync(TestRequests.Birth("20563", citizen: 13) with { BookingId = booking.Id });

        Assert.Equal(booking.Id, (await own.Grain.GetAsync())!.BookingId);
        Assert.Equal(RefusalCode.BookingNotForRequest, someoneElses.Refusal?.Code);
    }

    [Fact]
    public async Task Submitting_files_the_dossier_and_status_follows_the_portal_to_completed()
    {
        var (grain, id) = await CreateAsync(TestRequests.Birth("20566"));

        Assert.Equal(RequestStatus.Submitting, (await grain.SubmitAsync(null)).Value!.Status);
        var submitted = await DriveUntilAsync(grain, status => status != RequestStatus.Submitting);
        Assert.Equal(RequestStatus.Submitted, submitted.Status);
        Assert.Equal(fixture.Portal.FindByClientReference(id).Value!.Single().Receipt, submitted.PortalReceipt);

        var completed = await DriveUntilAsync(grain, status => status == RequestStatus.Completed);

        Assert.Equal(
            [RequestStatus.Draft, RequestStatus.Submitting, RequestStatus.Submitted, RequestStatus.Processing, RequestStatus.Completed],
            completed.History.Select(entry => entry.Status));
        Assert.Null(await fixture.Reminders.ReadRow(grain.GetGrainId(), CitizenRequestGrain.PortalReminder));
    }

    [Fact]
    public async Task Fifty_concurrent_submits_against_a_failing_portal_file_exactly_one_dossier()
    {
        fixture.Portal.Configure(options => (options.FailureRate, options.TimeoutRate) = (0.3, 0.1));
        var (grain, id) = await CreateAsync(TestRequests.Birth("20569"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.SubmitAsync(null)));
        var submitted = await DriveUntilAsync(grain, status => status != RequestStatus.Submitting);

        Assert.All(answers, answer => Assert.True(answer.Succeeded));
        Assert.Equal(RequestStatus.Submitted, submitted.Status);
        Assert.Single(fixture.Portal.FindByClientReference(id).Value!);
    }

    [Fact]
    public async Task A_dossier_whose_answer_was_lost_is_found_by_reconciliation_not_filed_again()
    {
        fixture.Portal.Configure(options => options.TimeoutRate = 1);
        var (grain, id) = await CreateAsync(TestRequests.Birth("20572"));
        await grain.SubmitAsync(null);
        await TickAsync(grain);
        fixture.Portal.Configure(options => options.TimeoutRate = 0);

        var submitted = await DriveUntilAsync(grain, status => status != RequestStatus.Submitting);

        Assert.Equal(RequestStatus.Submitted, submitted.Status);
        Assert.Single(fixture.Portal.FindByClientReference(id).Value!);
    }

    [Fact]
    public async Task A_filing_whose_outcome_was_never_stored_is_reconciled_not_filed_again()
    {
        var (grain, id) = await CreateAsync(TestRequests.Birth("20590"));
        var refused = 0;
        // The portal takes the dossier, then storing the receipt fails: as if the silo died between the two.
        fixture.StoredStates.RefuseWrite = state =>
            state is CitizenRequestState { Status: RequestStatus.Submitted } && Interlocked.Increment(ref refused) == 1;

        await grain.SubmitAsync(null);
        await Record.ExceptionAsync(() => TickAsync(grain));
        var submitted = await DriveUntilAsync(grain, status => status == RequestStatus.Submitted);

        Assert.True(refused >= 1);
        Assert.Equal(submitted.PortalReceipt, Assert.Single(fixture.Portal.FindByClientReference(id).Value!).Receipt);
    }

    [Fact]
    public async Task A_permanent_refusal_ends_as_failed_with_the_portals_reason()
    {
        fixture.Portal.Configure(options => options.RefusalRate = 1);
        var (grain, id) = await CreateAsync(TestRequests.Birth("20575"));

        await grain.SubmitAsync(null);
        var failed = await DriveUntilAsync(grain, status => status != RequestStatus.Submitting);

        Assert.Equal(RequestStatus.Failed, failed.Status);
        Assert.Contains("refused", failed.History[^1].Note, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(fixture.Portal.FindByClientReference(id).Value!);
        Assert.Equal(RefusalCode.RequestNotSubmittable, (await grain.SubmitAsync(null)).Refusal?.Code);
    }

    [Fact]
    public async Task A_supplement_request_is_answered_by_editing_the_form_and_resubmitting()
    {
        fixture.Portal.Configure(options => options.SupplementRate = 1);
        var (grain, id) = await CreateAsync(TestRequests.Birth("20578"));
        await grain.SubmitAsync(null);

        await DriveUntilAsync(grain, status => status == RequestStatus.SupplementRequested);
        var edited = TestRequests.CompleteBirthForm.SetItem("fatherFullName", "Nguyễn Văn Ba");
        Assert.True((await grain.UpdateFormAsync(edited)).Succeeded);
        await grain.SubmitAsync(null);
        var completed = await DriveUntilAsync(grain, status => status == RequestStatus.Completed);

        var dossier = fixture.Portal.FindByClientReference(id).Value!.Single();
        Assert.Equal(1, dossier.SupplementCount);
        Assert.Contains(RequestStatus.SupplementRequested, completed.History.Select(entry => entry.Status));
        Assert.Equal("Nguyễn Văn Ba", completed.Form["fatherFullName"]);
    }

    [Fact]
    public async Task The_form_cannot_change_once_the_request_is_on_its_way()
    {
        var (grain, _) = await CreateAsync(TestRequests.Birth("20581"));
        await grain.SubmitAsync(null);

        Assert.Equal(RefusalCode.RequestNotEditable, (await grain.UpdateFormAsync(TestRequests.CompleteBirthForm)).Refusal?.Code);
    }

    [Fact]
    public async Task An_incomplete_form_is_refused_on_submit_naming_the_missing_fields()
    {
        var (grain, _) = await CreateAsync(TestRequests.Birth("20584", form: ImmutableDictionary<string, string>.Empty));

        var refused = await grain.SubmitAsync(null);

        Assert.Equal(RefusalCode.FormIncomplete, refused.Refusal?.Code);
        Assert.Contains("form.childFullName", refused.Refusal!.Errors!.Keys);
        Assert.Equal(RequestStatus.Draft, (await grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task Pending_submissions_complete_after_a_silo_restart_and_none_twice()
    {
        // Every answer is lost: each dossier reaches the portal, but no request learns its receipt before the stop.
        fixture.Portal.Configure(options => options.TimeoutRate = 1);
        var requests = new List<(ICitizenRequestGrain Grain, string Id)>();
        for (var i = 0; i < 8; i++)
        {
            var created = await CreateAsync(TestRequests.Birth("20587", citizen: 100 + i));
            await created.Grain.SubmitAsync(null);
            await TickAsync(created.Grain);
            requests.Add(created);
        }

        Assert.All(requests, request => Assert.Single(fixture.Portal.FindByClientReference(request.Id).Value!));

        await fixture.Cluster.StopSiloAsync(fixture.Cluster.Silos[^1]);
        await fixture.Cluster.StartAdditionalSiloAsync();
        fixture.Portal.Configure(options => options.TimeoutRate = 0);
        fixture.Clock.Advance(s_options.MaxRetryDelay);
        await DeliverDueRemindersAsync();

        foreach (var (grain, id) in requests)
        {
            Assert.Equal(RequestStatus.Submitted, (await grain.GetAsync())!.Status);
            Assert.Single(fixture.Portal.FindByClientReference(id).Value!);
        }
    }

    [Fact]
    public async Task A_submit_whose_reminder_cannot_be_registered_is_refused_and_nothing_is_queued_without_one()
    {
        var (grain, id) = await CreateAsync(TestRequests.Birth("20593"));
        fixture.Reminders.RefuseUpsert = entry => entry.GrainId == grain.GetGrainId();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.SubmitAsync(null));

        Assert.Equal(RequestStatus.Draft, (await grain.GetAsync())!.Status);
        fixture.Reminders.RefuseUpsert = _ => false;
        Assert.Equal(RequestStatus.Submitting, (await grain.SubmitAsync(null)).Value!.Status);
        Assert.NotNull(await fixture.Reminders.ReadRow(grain.GetGrainId(), CitizenRequestGrain.PortalReminder));
        Assert.Equal(RequestStatus.Submitted, (await DriveUntilAsync(grain, status => status != RequestStatus.Submitting)).Status);
        Assert.Single(fixture.Portal.FindByClientReference(id).Value!);
    }

    private async Task<(ICitizenRequestGrain Grain, string Id)> CreateAsync(NewRequest request)
    {
        var id = RequestIds.New(request.CommuneCode);
        var grain = fixture.Client.GetGrain<ICitizenRequestGrain>(id);
        var created = await grain.CreateAsync(request);
        Assert.True(created.Succeeded);
        return (grain, id);
    }

    /// <summary>
    /// Plays the reminder service: moves the clock past the longest retry wait (and so past any poll) and ticks,
    /// until the request reaches the wanted status. Bounded, so a request that never gets there fails the test.
    /// </summary>
    private async Task<RequestView> DriveUntilAsync(ICitizenRequestGrain grain, Func<RequestStatus, bool> reached)
    {
        for (var tick = 0; tick < 200; tick++)
        {
            var view = (await grain.GetAsync())!;
            if (reached(view.Status))
            {
                return view;
            }

            fixture.Clock.Advance(s_options.MaxRetryDelay);
            await TickAsync(grain);
        }

        throw new Xunit.Sdk.XunitException("The request did not reach the expected status in 200 ticks.");
    }

    private static Task TickAsync(ICitizenRequestGrain grain) =>
        grain.AsReference<IRemindable>().ReceiveReminder(CitizenRequestGrain.PortalReminder, default);

    /// <summary>Ticks every reminder the durable table holds, as the reminder service of whichever silo owns it would.</summary>
    private async Task DeliverDueRemindersAsync()
    {
        foreach (var reminder in fixture.Reminders.All.Where(reminder => reminder.ReminderName == CitizenRequestGrain.PortalReminder))
        {
            await fixture.Client.GetGrain<IRemindable>(reminder.GrainId).ReceiveReminder(reminder.ReminderName, default);
        }
    }
}
