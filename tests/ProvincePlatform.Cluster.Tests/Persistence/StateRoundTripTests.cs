using System.Net;
using System.Text.Json.Nodes;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Persistence;

/// <summary>
/// Every kind of grain state survives the loss of every silo: written over HTTP through two silo processes, read
/// back over HTTP from a new process on the same database after both have stopped.
/// </summary>
public sealed class StateRoundTripTests(PostgresFixture postgres, ITestOutputHelper log) : IClassFixture<PostgresFixture>
{
    /// <summary>Xã Đại Chánh, Huyện Đại Lộc: a commune no other step of this test touches.</summary>
    private const string RolledOut = "20530";

    [Fact]
    public async Task What_the_API_acknowledged_reads_back_the_same_from_a_new_silo_after_every_silo_stopped()
    {
        await using var cluster = await SiloCluster.CreateAsync(postgres, log);
        var (a, b) = await cluster.StartSilosAsync("silo-a", "silo-b") is [var first, var second] ? (first, second) : throw new InvalidOperationException();
        var day = VietnamDates.Today.AddDays(2);
        var closedDay = day.AddDays(1);
        var session = VietnamDates.SessionId(day);

        // Communes and help points (commune grains, help point grains, the province's read model), in two districts.
        var village = await a.Api.OpenHelpPointAsync(PlatformApi.DaiThanh, computers: 2, "Nhà văn hóa thôn 1");
        var office = await b.Api.OpenHelpPointAsync(PlatformApi.DaiThanh, computers: 3, "Trụ sở Công an xã Đại Thạnh",
            PlatformApi.Period("07:30", "11:30", slotMinutes: 60, days: ["mon", "tue", "wed", "thu", "fri"]));
        var ward = await b.Api.OpenHelpPointAsync(PlatformApi.TanThanh, computers: 4, "Nhà văn hóa khối phố 2");

        // Bookings: two confirmed, two waitlisted; a cancellation promotes the first of the waitlist, more computers
        // the second; a closure cancels a booking of its day.
        var (lan, minh, hoa, tuan, an) = (TestCitizens.NewIdNumber(), TestCitizens.NewIdNumber(), TestCitizens.NewIdNumber(),
            TestCitizens.NewIdNumber(), TestCitizens.NewIdNumber());
        var lansBooking = (await a.Api.BookAsync(village, session, lan)).Text("id");
        var minhsBooking = (await b.Api.BookAsync(village, session, minh)).Text("id");
        var hoasBooking = (await a.Api.BookAsync(village, session, hoa)).Text("id");
        var tuansBooking = (await b.Api.BookAsync(village, session, tuan)).Text("id");
        await a.Api.CancelAsync(lansBooking);
        await b.Api.UpdateHelpPointAsync(village, PlatformApi.HelpPoint("Nhà văn hóa thôn 1 (mở rộng)", computers: 3));
        var ansBooking = (await a.Api.BookAsync(village, VietnamDates.SessionId(closedDay), an)).Text("id");
        await b.Api.CloseAsync(village, closedDay);
        await a.Api.BookAsync(ward, session, an);

        // Requests: a draft tied to a booking, one filed with the portal (receipt and history), one in another commune.
        var draft = await a.Api.OpenRequestAsync(PlatformApi.DaiThanh, minh, bookingId: minhsBooking);
        var filed = await b.Api.OpenRequestAsync(PlatformApi.DaiThanh, an, childFullName: "Trần Bé Na");
        var elsewhere = await b.Api.OpenRequestAsync(PlatformApi.TanThanh, an, childFullName: "Trần Bé Bi");
        await a.Api.SubmitAsync(filed);
        await Poll.UntilAsync($"request {filed} is filed", TimeSpan.FromSeconds(30), async () =>
        {
            var request = await b.Api.ReadJsonAsync($"/api/v1/requests/{filed}");
            return request.Text("status") == "submitted" ? Observation.Yes() : Observation.No(request.ToString());
        }, cluster.Diagnostics);

        // Rollout: a stage history, and an operation that provisions a commune (its plan, its progress).
        await b.Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/communes/{PlatformApi.TanThanh}/rollout-stage",
            new { stage = "piloting", note = "Thí điểm / Pilot" });
        var started = await a.Api.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/v1/province/rollout",
            new { communeCodes = new[] { RolledOut }, template = new { villageHouses = new { count = 2, computers = 5, openingHours = new[] { PlatformApi.Period("19:00", "20:00") } } } });
        var operation = $"/api/v1/province/rollout/operations/{started.Json().Text("operationId")}";
        await Poll.UntilAsync("the rollout finishes", TimeSpan.FromSeconds(30), async () =>
        {
            var progress = await b.Api.ReadJsonAsync(operation);
            return progress.Text("status") == "completed" ? Observation.Yes() : Observation.No(progress.ToString());
        }, cluster.Diagnostics);

        // Stats: help points report to their commune's stats a moment after each change, on their own.
        var stats = $"/api/v1/communes/{PlatformApi.DaiThanh}/stats?from={VietnamDates.Text(day)}&to={VietnamDates.Text(closedDay)}";
        await Poll.UntilAsync("the stats count the bookings", TimeSpan.FromSeconds(30), async () =>
        {
            var figures = await a.Api.ReadJsonAsync(stats);
            return figures.GetProperty("bookings").GetInt32() == 5 ? Observation.Yes() : Observation.No(figures.ToString());
        }, cluster.Diagnostics);

        var reads = new Dictionary<string, Func<SiloProcess, Task<string>>>
        {
            ["commune 20527 (province read model)"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.DaiThanh}"),
            ["commune 20335 (province read model)"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.TanThanh}"),
            ["help points of 20527 (commune)"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.DaiThanh}/help-points"),
            ["help points of 20335 (commune)"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.TanThanh}/help-points"),
            ["village house"] = silo => silo.Api.ReadAsync($"/api/v1/help-points/{village}"),
            ["commune office"] = silo => silo.Api.ReadAsync($"/api/v1/help-points/{office}"),
            ["ward house"] = silo => silo.Api.ReadAsync($"/api/v1/help-points/{ward}"),
            ["village house sessions"] = silo => silo.Api.ReadAsync(
                $"/api/v1/help-points/{village}/sessions?from={VietnamDates.Text(day)}&to={VietnamDates.Text(closedDay)}"),
            ["Lan's booking"] = silo => silo.Api.ReadAsync($"/api/v1/bookings/{lansBooking}"),
            ["Minh's booking"] = silo => silo.Api.ReadAsync($"/api/v1/bookings/{minhsBooking}"),
            ["Hoa's booking"] = silo => silo.Api.ReadAsync($"/api/v1/bookings/{hoasBooking}"),
            ["Tuấn's booking"] = silo => silo.Api.ReadAsync($"/api/v1/bookings/{tuansBooking}"),
            ["An's booking on the closed day"] = silo => silo.Api.ReadAsync($"/api/v1/bookings/{ansBooking}"),
            ["draft request"] = silo => silo.Api.ReadAsync($"/api/v1/requests/{draft}"),
            ["filed request"] = silo => silo.Api.ReadAsync($"/api/v1/requests/{filed}"),
            ["request in 20335"] = silo => silo.Api.ReadAsync($"/api/v1/requests/{elsewhere}"),
            ["request register of 20527"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.DaiThanh}/requests"),
            ["request register of 20335"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.TanThanh}/requests"),
            ["citizen index of Minh"] = silo => silo.Api.LookupAsync(minh),
            ["citizen index of An"] = silo => silo.Api.LookupAsync(an),
            ["citizen index of Lan"] = silo => silo.Api.LookupAsync(lan),
            ["rollout stage of 20335"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{PlatformApi.TanThanh}/rollout-stage"),
            ["rollout stage of the rolled-out commune"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{RolledOut}/rollout-stage"),
            ["help points of the rolled-out commune"] = silo => silo.Api.ReadAsync($"/api/v1/communes/{RolledOut}/help-points"),
            ["rollout operation"] = silo => silo.Api.ReadAsync(operation),
            ["stats of 20527"] = silo => silo.Api.ReadAsync(stats),
        };
        var before = await ReadAllAsync(reads, a);
        AssertWritten(before, village, office, ward, draft, filed, elsewhere);
        AssertSame(before, await ReadAllAsync(reads, b), "through silo-a and through silo-b");

        await Task.WhenAll(a.StopAsync(), b.StopAsync());
        Assert.True(a.Process.HasExited && b.Process.HasExited && a.Process.ExitCode == 0 && b.Process.ExitCode == 0,
            $"Both silos should have stopped cleanly on SIGTERM.\n{cluster.Diagnostics()}");
        var replacement = (await cluster.StartSilosAsync("silo-c"))[0];

        AssertSame(before, await ReadAllAsync(reads, replacement), "before every silo stopped and after");
    }

    private static void AssertSame(Dictionary<string, string> expected, Dictionary<string, string> actual, string when)
    {
        // As JSON, not as text: the members of an object (a request's form) come in no set order.
        var differences = expected.Keys.Where(read => !JsonNode.DeepEquals(JsonNode.Parse(expected[read]), JsonNode.Parse(actual[read])))
            .Select(read => $"{read}:\n  {expected[read]}\n  {actual[read]}")
            .ToList();
        Assert.True(differences.Count == 0, $"Reads differ {when}:\n{string.Join('\n', differences)}");
    }

    /// <summary>What was written is there before the restart, so that reading the same afterwards means something.</summary>
    private static void AssertWritten(Dictionary<string, string> read, string village, string office, string ward, string draft, string filed, string elsewhere)
    {
        Assert.Contains("\"helpPointCount\":2", read["commune 20527 (province read model)"], StringComparison.Ordinal);
        Assert.Contains("\"helpPointCount\":1", read["commune 20335 (province read model)"], StringComparison.Ordinal);
        Assert.Contains(village, read["help points of 20527 (commune)"], StringComparison.Ordinal);
        Assert.Contains(office, read["help points of 20527 (commune)"], StringComparison.Ordinal);
        Assert.Contains(ward, read["help points of 20335 (commune)"], StringComparison.Ordinal);
        Assert.Contains("\"computers\":3", read["village house"], StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"Họp thôn / Village meeting\"", read["village house"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"cancelled\"", read["Lan's booking"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"confirmed\"", read["Minh's booking"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"confirmed\"", read["Hoa's booking"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"confirmed\"", read["Tuấn's booking"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"cancelledByHelpPoint\"", read["An's booking on the closed day"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"draft\"", read["draft request"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"submitted\"", read["filed request"], StringComparison.Ordinal);
        Assert.Contains("\"portalReceipt\":\"", read["filed request"], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"submitting\"", read["filed request"], StringComparison.Ordinal);
        Assert.Contains(draft, read["request register of 20527"], StringComparison.Ordinal);
        Assert.Contains(filed, read["request register of 20527"], StringComparison.Ordinal);
        Assert.Contains(elsewhere, read["request register of 20335"], StringComparison.Ordinal);
        Assert.Contains(draft, read["citizen index of Minh"], StringComparison.Ordinal);
        Assert.Contains(filed, read["citizen index of An"], StringComparison.Ordinal);
        Assert.Contains(elsewhere, read["citizen index of An"], StringComparison.Ordinal);
        Assert.Contains("\"note\":\"Thí điểm / Pilot\"", read["rollout stage of 20335"], StringComparison.Ordinal);
        Assert.Contains("\"stage\":\"preparing\"", read["rollout stage of the rolled-out commune"], StringComparison.Ordinal);
        Assert.Contains($"{RolledOut}-2", read["help points of the rolled-out commune"], StringComparison.Ordinal);
        Assert.Contains("\"provisioned\":1", read["rollout operation"], StringComparison.Ordinal);
        Assert.Contains("\"seatsOffered\":", read["stats of 20527"], StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(Dictionary<string, Func<SiloProcess, Task<string>>> reads, SiloProcess silo)
    {
        var answers = new Dictionary<string, string>();
        foreach (var (name, read) in reads)
        {
            answers[name] = await read(silo);
        }

        return answers;
    }
}
