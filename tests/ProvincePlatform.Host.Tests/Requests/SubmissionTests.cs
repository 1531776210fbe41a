using System.Net;
using ProvincePlatform.Host.Tests.Support;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Host.Tests.Requests;

/// <summary>
/// Filing requests with the in-process portal and following them to its decision. Tests that need a decision set
/// the portal's rates for it, in a scope that puts them back.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SubmissionTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    /// <summary>What a repeated submit may answer: the filing is queued, or already made (the kick runs at once).</summary>
    private static readonly string[] s_onItsWay = ["submitting", "submitted"];

    public enum KeyUse
    {
        None,
        Same,
        Distinct,
    }

    [Fact]
    public async Task Submitting_a_complete_draft_is_202_submitting_and_files_it_with_the_portal()
    {
        var id = await OpenDraftAsync();

        var response = await SubmitAsync(id);

        var accepted = await HttpJson.ReadAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(id, accepted.Text("id"));
        Assert.Equal("submitting", accepted.Text("status"));
        Assert.Equal(RequestUri(id), response.Headers.Location?.OriginalString);
        var submitted = await DriveUntilAsync(id, "submitted");
        var dossier = Assert.Single(DossiersFiledFor(id));
        Assert.Equal(dossier.Receipt, submitted.Text("portalReceipt"));
        Assert.Equal(["draft", "submitting", "submitted"], HistoryOf(submitted));
    }

    [Fact]
    public async Task Submitting_with_required_fields_missing_is_400_naming_them_and_keeps_the_draft()
    {
        var form = Bodies.BirthForm();
        form.Remove("childBirthDate");
        form.Remove("motherFullName");
        var id = await OpenDraftAsync(form: form);

        var problem = await HttpJson.ReadProblemAsync(await SubmitAsync(id), HttpStatusCode.BadRequest, "form-incomplete");

        HttpJson.AssertNames(problem, "form.childBirthDate");
        HttpJson.AssertNames(problem, "form.motherFullName");
        Assert.DoesNotContain("\"form.childFullName\"", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["draft"], HistoryOf(await GetRequestAsync(id)));
        Assert.Empty(DossiersFiledFor(id));

        await HttpJson.ReadAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.OK);
        Assert.Equal("submitting", await SubmitAcceptedAsync(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("submit-once")]
    public async Task Repeated_submits_are_each_202_and_file_one_dossier(string? idempotencyKey)
    {
        var id = await OpenDraftAsync();

        Assert.Equal("submitting", await SubmitAcceptedAsync(id, idempotencyKey));
        for (var repeat = 0; repeat < 3; repeat++)
        {
            Assert.Contains(await SubmitAcceptedAsync(id, idempotencyKey), s_onItsWay);
        }

        await DriveUntilAsync(id, "submitted");
        for (var repeat = 0; repeat < 3; repeat++)
        {
            Assert.Equal("submitted", await SubmitAcceptedAsync(id, idempotencyKey));
        }

        await Gateway.TickAsync(id);
        Assert.Single(DossiersFiledFor(id));
        Assert.Single(HistoryOf(await GetRequestAsync(id)), status => status == "submitting");
    }

    [Theory]
    [InlineData(KeyUse.None)]
    [InlineData(KeyUse.Same)]
    [InlineData(KeyUse.Distinct)]
    public async Task Twenty_concurrent_submits_are_all_202_and_file_exactly_one_dossier(KeyUse keys)
    {
        var id = await OpenDraftAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SubmitAsync(id, keys switch
        {
            KeyUse.Same => "one-key",
            KeyUse.Distinct => $"key-{i}",
            _ => null,
        })));

        foreach (var response in responses)
        {
            var accepted = await HttpJson.ReadAsync(response, HttpStatusCode.Accepted);
            Assert.Contains(accepted.Text("status"), s_onItsWay);
        }

        var submitted = await DriveUntilAsync(id, "submitted");
        Assert.Single(DossiersFiledFor(id));
        Assert.Equal(["draft", "submitting", "submitted"], HistoryOf(submitted));
    }

    [Fact]
    public async Task An_Idempotency_Key_longer_than_200_characters_is_400_naming_it()
    {
        var id = await OpenDraftAsync();

        await HttpJson.ReadValidationProblemAsync(await SubmitAsync(id, new string('k', 201)), "Idempotency-Key");

        Assert.Equal("draft", (await GetRequestAsync(id)).Text("status"));
        Assert.Equal("submitting", await SubmitAcceptedAsync(id, new string('k', 200)));
    }

    [Fact]
    public async Task A_filed_request_follows_the_portal_through_processing_to_completed()
    {
        using var portal = Gateway.ConfigurePortal(options => (options.RejectionRate, options.SupplementRate) = (0, 0));
        var id = await OpenDraftAsync();
        await SubmitAcceptedAsync(id);

        var submitted = await DriveUntilAsync(id, "submitted");
        var processing = await DriveUntilAsync(id, "processing");
        var completed = await DriveUntilAsync(id, "completed");

        Assert.Equal(Assert.Single(DossiersFiledFor(id)).Receipt, submitted.Text("portalReceipt"));
        Assert.Equal(submitted.Text("portalReceipt"), completed.Text("portalReceipt"));
        Assert.Equal("processing", processing.Text("status"));
        Assert.Equal(["draft", "submitting", "submitted", "processing", "completed"], HistoryOf(completed));
        var instants = completed.GetProperty("history").EnumerateArray().Select(entry => entry.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(instants.Order(), instants);
        Assert.Contains("Completed", completed.GetProperty("history")[4].Text("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_request_can_be_neither_submitted_nor_edited_again()
    {
        using var portal = Gateway.ConfigurePortal(options => (options.RejectionRate, options.SupplementRate) = (0, 0));
        var id = await OpenDraftAsync();
        await SubmitAcceptedAsync(id);
        await DriveUntilAsync(id, "completed");

        await HttpJson.ReadProblemAsync(await SubmitAsync(id), HttpStatusCode.Conflict, "request-not-submittable");
        await HttpJson.ReadProblemAsync(await SubmitAsync(id, "a-new-key"), HttpStatusCode.Conflict, "request-not-submittable");
        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.Conflict, "request-not-editable");
        Assert.Single(DossiersFiledFor(id));
    }

    [Fact]
    public async Task The_form_cannot_be_edited_once_the_request_is_on_its_way()
    {
        var id = await OpenDraftAsync();
        await SubmitAcceptedAsync(id);

        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.Conflict, "request-not-editable");
        await DriveUntilAsync(id, "submitted");
        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.Conflict, "request-not-editable");
        await DriveUntilAsync(id, "processing");
        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.Conflict, "request-not-editable");
    }

    [Fact]
    public async Task A_supplement_request_is_answered_by_editing_the_form_and_resubmitting_to_completed()
    {
        using var portal = Gateway.ConfigurePortal(options => (options.RejectionRate, options.SupplementRate) = (0, 1));
        var id = await OpenDraftAsync();
        await SubmitAcceptedAsync(id);

        var asked = await DriveUntilAsync(id, "supplementRequested");
        Assert.Contains("supply", LastNoteOf(asked), StringComparison.Ordinal);
        var form = Bodies.BirthForm();
        form["fatherFullName"] = "Nguyễn Văn Ba";
        var edited = await HttpJson.ReadAsync(await EditFormAsync(id, form), HttpStatusCode.OK);
        Assert.Equal("supplementRequested", edited.Text("status"));
        Assert.Equal("submitting", await SubmitAcceptedAsync(id));
        var resubmitted = await DriveUntilAsync(id, "submitted");
        var completed = await DriveUntilAsync(id, "completed");

        Assert.Equal(asked.Text("portalReceipt"), resubmitted.Text("portalReceipt"));
        Assert.Equal(
            ["draft", "submitting", "submitted", "processing", "supplementRequested", "submitting", "submitted", "processing", "completed"],
            HistoryOf(completed));
        Assert.Equal("Nguyễn Văn Ba", completed.GetProperty("form").Text("fatherFullName"));
        var dossier = Assert.Single(DossiersFiledFor(id));
        Assert.Equal(1, dossier.SupplementCount);
        Assert.Equal(PortalDossierStatus.Completed, dossier.Status);
    }

    [Fact]
    public async Task A_request_the_portal_rejects_ends_rejected_with_the_portals_note()
    {
        using var portal = Gateway.ConfigurePortal(options => options.RejectionRate = 1);
        var id = await OpenDraftAsync();
        await SubmitAcceptedAsync(id);

        var rejected = await DriveUntilAsync(id, "rejected");

        Assert.Equal(["draft", "submitting", "submitted", "processing", "rejected"], HistoryOf(rejected));
        Assert.Contains("dossier", LastNoteOf(rejected), StringComparison.Ordinal);
        await HttpJson.ReadProblemAsync(await SubmitAsync(id), HttpStatusCode.Conflict, "request-not-submittable");
        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.Conflict, "request-not-editable");
    }

    [Fact]
    public async Task A_filing_the_portal_refuses_for_good_ends_failed_with_its_reason_in_history()
    {
        using var portal = Gateway.ConfigurePortal(options => options.RefusalRate = 1);
        var id = await OpenDraftAsync();
        await SubmitAcceptedAsync(id);

        var failed = await DriveUntilAsync(id, "failed");

        Assert.Equal(["draft", "submitting", "failed"], HistoryOf(failed));
        var reason = LastNoteOf(failed);
        Assert.Contains("The portal refused", reason, StringComparison.Ordinal);
        Assert.Contains("not offered online", reason, StringComparison.Ordinal);
        Assert.False(failed.TryGetProperty("portalReceipt", out _));
        Assert.Empty(DossiersFiledFor(id));
        await HttpJson.ReadProblemAsync(await SubmitAsync(id), HttpStatusCode.Conflict, "request-not-submittable");
        await HttpJson.ReadProblemAsync(await SubmitAsync(id, "another-try"), HttpStatusCode.Conflict, "request-not-submittable");
        await HttpJson.ReadProblemAsync(await EditFormAsync(id, Bodies.BirthForm()), HttpStatusCode.Conflict, "request-not-editable");
    }
}
