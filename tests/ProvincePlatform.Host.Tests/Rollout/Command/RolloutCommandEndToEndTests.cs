using System.Net;
using ProvincePlatform.Host.Rollout.Command;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>
/// <c>rollout</c> against the real host on Kestrel: the operation runs on the cluster's own grain timers, and the
/// command's polling, bounded by a time-out, is the only waiting. The host is one of its own, so what this test
/// counts as provisioned or skipped depends on no other test's rollout.
/// </summary>
[Collection(RolloutCommandCollection.Name)]
public sealed class RolloutCommandEndToEndTests(GatewayFixture gateway) : IDisposable
{
    /// <summary>Huyện Nam Trà My, of which the file names some communes and leaves the others.</summary>
    private const string District = "516";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    private readonly ScratchFolder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_csv_of_a_districts_communes_is_rolled_out_once_and_a_second_run_provisions_nothing_new()
    {
        var (communes, named) = RegisterExtract(count: 4);

        var first = await RunAsync(communes);

        Assert.True(first.ExitCode == RolloutExitCode.Completed, first.Describe());
        Assert.Empty(first.Run.Error);
        Assert.Contains("Triển khai / Rollout 100% 4/4  lỗi/failed 0", first.Run.OutputLines);
        Assert.Matches(@"^Operation ro-\S+ completed: provisioned 4 communes, skipped 0 already provisioned, failed 0\.$", first.Run.OutputLines[^1]);

        var table = await RolloutTableAsync();
        Assert.All(named, code => Assert.Equal(("preparing", 6), table[code]));
        Assert.All(table.Keys.Except(named), code => Assert.Equal(("notStarted", 0), table[code]));
        await AssertTheModelIsOpenInAsync(named[0]);

        var second = await RunAsync(communes);

        Assert.True(second.ExitCode == RolloutExitCode.Completed, second.Describe());
        Assert.Matches(@"^Operation ro-\S+ completed: provisioned 0 communes, skipped 4 already provisioned, failed 0\.$", second.Run.OutputLines[^1]);
        Assert.Equal(table, await RolloutTableAsync());
    }

    /// <summary>The first communes of the district, as lines of the register itself, and their codes.</summary>
    private (string Path, string[] Codes) RegisterExtract(int count)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seed", "quang-nam-communes.csv"));
        var extract = lines.Skip(1).Where(line => line.Split(',')[2] == District).Take(count).ToArray();
        return (_files.Write("communes.csv", string.Join('\n', [lines[0], .. extract]) + "\n"), [.. extract.Select(line => line.Split(',')[5])]);
    }

    private async Task<(int ExitCode, CommandRun Run)> RunAsync(string communes)
    {
        var run = new CommandRun((interval, cancellationToken) => Task.Delay(interval, TimeProvider.System, cancellationToken));
        run.Variables[RolloutCommand.KeyVariable] = TestClients.Admin.Key;
        using var bound = new CancellationTokenSource(s_bound);
        var exitCode = await run.RunAsync(null, bound.Token, "--gateway", gateway.BaseAddress.ToString(), "--communes", communes);
        return (exitCode, run);
    }

    /// <summary>Each commune of the district with its stage and help point count, as the rollout table shows them.</summary>
    private async Task<Dictionary<string, (string Stage, int HelpPoints)>> RolloutTableAsync()
    {
        var table = await HttpJson.ReadAsync(await gateway.Http.GetAsync($"/api/v1/province/rollout?district={District}"), HttpStatusCode.OK);
        return table.GetProperty("communes").EnumerateArray().ToDictionary(
            commune => commune.Text("code"),
            commune => (commune.Text("stage"), commune.GetProperty("helpPointCount").GetInt32()));
    }

    /// <summary>The Đại Thạnh model: a commune office of 3 computers and five village houses of 6.</summary>
    private async Task AssertTheModelIsOpenInAsync(string communeCode)
    {
        var helpPoints = await HttpJson.ReadAsync(await gateway.Http.GetAsync($"/api/v1/communes/{communeCode}/help-points"), HttpStatusCode.OK);
        Assert.Equal(
            ["communeOffice:3", .. Enumerable.Repeat("villageHouse:6", 5)],
            helpPoints.EnumerateArray().Select(helpPoint => $"{helpPoint.Text("kind")}:{helpPoint.GetProperty("computers").GetInt32()}").Order());
    }
}

file static class CommandRunDescription
{
    /// <summary>What the command printed, for a failed assertion on its exit code.</summary>
    public static string Describe(this (int ExitCode, CommandRun Run) result) =>
        $"exit {result.ExitCode}\n{result.Run.Output}\n{result.Run.Error}";
}

/// <summary>A host of its own for the end-to-end run of the command.</summary>
[CollectionDefinition(Name)]
public sealed class RolloutCommandCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "rollout command";
}
