using ProvincePlatform.Host.Tests.Support;
using ProvincePlatform.LoadTest;

namespace ProvincePlatform.Host.Tests.LoadTest;

/// <summary>
/// The load generator's code path, briefly, against the in-process host (embedded mode, no PostgreSQL), so that it
/// cannot rot: it provisions two communes, runs the mix for two seconds and must have done every operation without
/// a 5xx. What it asserts does not depend on timings; the figures themselves are the load run's business.
/// </summary>
public sealed class LoadSmokeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly string[] s_mixOperations =
    [
        Workload.ListSessions, Workload.Book, Workload.CheckIn, Workload.WalkIn, Workload.CreateRequest, Workload.SubmitRequest, Workload.ReadStats,
    ];

    /// <summary>Two communes of Thành phố Tam Kỳ, twelve help points.</summary>
    private static readonly string[] s_communes = ["20335", "20341"];

    [Fact]
    public async Task The_mix_runs_every_operation_without_a_server_error()
    {
        using var http = HostProcess.Client(gateway.BaseAddress, TestClients.Admin.Key, connections: 8);

        // Equal weights, so that two seconds of a few hundred operations reach each of them.
        var options = new WorkloadOptions { ListWeight = 1, BookWeight = 1, CheckInWeight = 1, WalkInWeight = 1, RequestWeight = 1, StatsWeight = 1 };
        var workload = await Workload.SetUpAsync(http, gateway.Today,
            new { communeCodes = s_communes, template = Workload.Template }, options, TextWriter.Null);
        var phase = await LoadEngine.ClosedLoopAsync("smoke", clients: 8, warmUp: TimeSpan.Zero, TimeSpan.FromSeconds(2), workload.MixAsync);

        using var printed = new StringWriter();
        Report.Print(phase, printed);
        Assert.Equal(12, workload.HelpPointCount);
        Assert.All(s_mixOperations, operation => Assert.True(phase.Operation(operation)?.Count > 0, $"No {operation} in:\n{printed}"));
        Assert.All(phase.Operations, figures => Assert.False(figures.AnyServerError, $"A 5xx or no answer in {figures.Operation}:\n{printed}"));
        Assert.All([Workload.ListSessions, Workload.Book, Workload.CheckIn, Workload.CreateRequest, Workload.SubmitRequest, Workload.ReadStats],
            operation => Assert.True(phase.Operation(operation)!.Successes > 0, $"No success of {operation} in:\n{printed}"));
    }
}
