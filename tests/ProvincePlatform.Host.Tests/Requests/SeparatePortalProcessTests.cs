using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Requests;

/// <summary>
/// The supplement path end to end against the portal simulator as a separate process, reached over HTTP through
/// the platform's real portal client: the simulator asks every dossier for one supplement and then completes it.
/// </summary>
[Collection(SeparatePortalCollection.Name)]
public sealed class SeparatePortalProcessTests(SeparatePortalFixture portal) : GatewayTest(portal)
{
    [Fact]
    public async Task Supplement_requested_then_form_edited_resubmitted_and_completed_files_one_dossier()
    {
        var id = await OpenDraftAsync();
        Assert.Equal("submitting", await SubmitAcceptedAsync(id));

        var submitted = await DriveUntilAsync(id, "submitted");
        var receipt = submitted.Text("portalReceipt");
        await portal.AdvanceSimulatorAsync(days: 4);
        var asked = await DriveUntilAsync(id, "supplementRequested");
        Assert.Contains("supply", LastNoteOf(asked), StringComparison.Ordinal);

        var form = Bodies.BirthForm();
        form["fatherFullName"] = "Nguyễn Văn Ba";
        await HttpJson.ReadAsync(await EditFormAsync(id, form), HttpStatusCode.OK);
        Assert.Equal("submitting", await SubmitAcceptedAsync(id));
        var resubmitted = await DriveUntilAsync(id, "submitted");
        await portal.AdvanceSimulatorAsync(days: 4);
        var completed = await DriveUntilAsync(id, "completed");

        Assert.Equal(receipt, resubmitted.Text("portalReceipt"));
        Assert.Equal(receipt, completed.Text("portalReceipt"));
        Assert.Equal(
            ["draft", "submitting", "submitted", "supplementRequested", "submitting", "submitted", "completed"],
            HistoryOf(completed));
        Assert.Equal("Nguyễn Văn Ba", completed.GetProperty("form").Text("fatherFullName"));
        var dossiers = (await HttpJson.ReadAsync(await portal.Simulator.GetAsync("simulator/dossiers"), HttpStatusCode.OK))
            .EnumerateArray().Where(dossier => dossier.Text("clientReference") == id).ToList();
        var dossier = Assert.Single(dossiers);
        Assert.Equal(receipt, dossier.Text("receipt"));
        Assert.Equal(1, dossier.GetProperty("supplementCount").GetInt32());
        Assert.Equal("completed", dossier.Text("status"));
    }
}
