using System.Diagnostics;
using Npgsql;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Reminders;

/// <summary>
/// Durable reminders outlive the silo that registered them: filings whose portal reminders were registered on a
/// silo that is then killed are retried from the survivor until filed, each exactly once.
/// </summary>
public sealed class ReminderFailoverTests(PostgresFixture postgres, ITestOutputHelper log) : IClassFixture<PostgresFixture>
{
    private const int Requests = 10;

    /// <summary>From the portal's recovery until every filing has landed, failover included.</summary>
    private static readonly TimeSpan s_filingDeadline = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Reminders' periods down to a second, so that a tick missed while a silo dies comes again within seconds (the
    /// production minimum is a minute).
    /// </summary>
    private static readonly Dictionary<string, string> s_settings = new() { ["Reminders:MinimumReminderPeriod"] = "00:00:01" };

    [Fact]
    public async Task Filings_whose_reminders_a_killed_silo_registered_are_filed_by_the_survivor_exactly_once()
    {
        await using var cluster = await SiloCluster.CreateAsync(postgres, log, withPortal: true, s_settings);
        var portal = cluster.Portal!;
        await portal.ConfigureAsync(new { failureRate = 1.0 });
        var silos = await cluster.StartSilosAsync("silo-a", "silo-b");
        var (survivor, victim) = (silos[0], silos[1]);

        // Opened and submitted through the silo that will die, so that their grains (and the reminders they
        // register) start there; every first attempt fails, so each waits for its reminder.
        var requests = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            requests.Add(await victim.Api.OpenRequestAsync(PlatformApi.DaiThanh, TestCitizens.NewIdNumber()));
        }

        foreach (var request in requests)
        {
            await victim.Api.SubmitAsync(request);
        }

        await Poll.UntilAsync($"all {Requests} filings have failed once and wait for their reminder", TimeSpan.FromSeconds(30), async () =>
        {
            var stored = await PortalRemindersAsync(cluster.ConnectionString);
            var missing = requests.Where(request => !stored.Any(grain => grain.Contains(request, StringComparison.Ordinal))).ToList();
            return missing.Count == 0 ? Observation.Yes() : Observation.No($"no portal reminder stored yet for {string.Join(", ", missing)}");
        }, cluster.Diagnostics);
        Assert.Empty(await portal.FiledClientReferencesAsync());

        victim.Kill();
        await portal.ConfigureAsync(new { failureRate = 0.0 });
        var clock = Stopwatch.StartNew();

        await Poll.UntilAsync($"every request is submitted, through {survivor.Name}", s_filingDeadline, async () =>
        {
            var pending = new List<string>();
            foreach (var request in requests)
            {
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var answer = await survivor.Api.GetAsync($"/api/v1/requests/{request}", bound.Token);
                if (!answer.IsSuccess || answer.Json().Text("status") != "submitted")
                {
                    pending.Add($"{request}: {(answer.IsSuccess ? answer.Json().Text("status") : answer.ToString())}");
                }
            }

            return pending.Count == 0 ? Observation.Yes() : Observation.No($"{pending.Count} not yet submitted: {string.Join("; ", pending)}");
        }, cluster.Diagnostics);
        log.WriteLine($"Every request was filed {clock.Elapsed.TotalSeconds:0.0} s after the kill.");

        var filed = await portal.FiledClientReferencesAsync();
        Assert.All(requests, request => Assert.Single(filed, reference => reference == request));
        Assert.Equal(Requests, filed.Count);
        foreach (var request in requests)
        {
            var view = await survivor.Api.ReadJsonAsync($"/api/v1/requests/{request}");
            Assert.StartsWith("000.00.49.H49-", view.Text("portalReceipt"), StringComparison.Ordinal);
        }
    }

    /// <summary>The grain ids of the portal reminders stored in the database.</summary>
    private static async Task<IReadOnlyList<string>> PortalRemindersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT grain_id FROM orleans_reminders WHERE reminder_name = 'portal'", connection);
        await using var rows = await query.ExecuteReaderAsync();
        var grains = new List<string>();
        while (await rows.ReadAsync())
        {
            grains.Add(rows.GetString(0));
        }

        return grains;
    }
}
