using System.Globalization;
using System.Net;
using System.Text;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Resilience;

/// <summary>
/// The resilience run: three silos on one PostgreSQL under a closed-loop load of bookings, cancellations and
/// filings; one silo SIGKILLed and replaced, PostgreSQL stopped and started again, both mid-load. Afterwards the
/// <see cref="ResilienceChecker"/> holds the platform to every write it acknowledged.
/// </summary>
/// <remarks>
/// Short in CI; longer runs (for the README's figures) set <c>RESILIENCE_SECONDS</c>, and <c>RESILIENCE_WORKERS</c>
/// for more concurrency: <c>RESILIENCE_SECONDS=300 dotnet test tests/ProvincePlatform.Cluster.Tests --filter
/// FullyQualifiedName~Resilience --logger "console;verbosity=detailed"</c>.
/// </remarks>
public sealed class ResilienceRunTests(OwnPostgresFixture postgres, ITestOutputHelper log) : IClassFixture<OwnPostgresFixture>
{
    private const int HelpPointsPerCommune = 2;
    private const int Computers = 3;

    /// <summary>How long any one fault may take to be noticed or recovered from before the run fails.</summary>
    private static readonly TimeSpan s_faultDeadline = TimeSpan.FromSeconds(90);

    /// <summary>How long the platform's own retries may take to finish filings cut short by the faults.</summary>
    private static readonly TimeSpan s_settleDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The least time PostgreSQL stays down.</summary>
    private static readonly TimeSpan s_minimumOutage = TimeSpan.FromSeconds(3);

    private static readonly string[] s_communes = [PlatformApi.DaiThanh, "20530", PlatformApi.TanThanh];

    /// <summary>Reminder periods down to a second, so that a filing whose tick was missed is retried within seconds.</summary>
    private static readonly Dictionary<string, string> s_settings = new() { ["Reminders:MinimumReminderPeriod"] = "00:00:01" };

    [Fact]
    public async Task A_silo_killed_and_PostgreSQL_restarted_under_load_lose_no_acknowledged_write_overbook_no_session_and_file_no_dossier_twice()
    {
        var duration = TimeSpan.FromSeconds(Setting("RESILIENCE_SECONDS", 30));
        var workers = Setting("RESILIENCE_WORKERS", 16);
        await using var cluster = await SiloCluster.CreateAsync(postgres, log, withPortal: true, s_settings);
        var silos = await cluster.StartSilosAsync("silo-a", "silo-b", "silo-c");
        var helpPoints = new List<LoadTarget>();
        foreach (var commune in s_communes)
        {
            for (var i = 0; i < HelpPointsPerCommune; i++)
            {
                helpPoints.Add(new LoadTarget(await silos[i % silos.Length].Api.OpenHelpPointAsync(commune, Computers, $"Nhà văn hóa thôn {i + 1}"), commune, Computers));
            }
        }

        // Tomorrow on: today's session may already have started, wherever the run happens in the day.
        DateOnly[] days = [.. Enumerable.Range(1, 3).Select(offset => VietnamDates.Today.AddDays(offset))];
        var helpPointIds = helpPoints.Select(helpPoint => helpPoint.Id).ToList();
        var gateways = new Gateways(silos);
        var ledger = new LoadLedger();
        var load = new ResilienceLoad(gateways, ledger, helpPoints, s_communes, days);
        var figures = new StringBuilder();

        using var stop = new CancellationTokenSource();
        ledger.Start();
        var running = load.RunAsync(workers, stop.Token);
        try
        {
            // The kill: once the load is well under way.
            await LoadReachesAsync(ledger, duration * 0.2, acknowledged: 100);
            var victim = silos[1];
            gateways.Remove(victim);
            ledger.Phase = "silo killed";
            var killedAt = ledger.Elapsed;
            victim.Kill();
            var noticed = await Poll.UntilAsync($"the cluster declares {victim.Name} dead", s_faultDeadline, async () =>
                (await cluster.MembershipAsync()).GetValueOrDefault(victim.SiloPort) == SiloStatus.Dead
                    ? Observation.Yes() : Observation.No("not yet dead in orleans_membership"), cluster.Diagnostics);
            var replacement = (await cluster.StartSilosAsync("silo-d"))[0];
            var replacedAfter = ledger.Elapsed - killedAt;
            gateways.Add(replacement);
            var bookingAgainAfterKill = await EveryHelpPointBooksAgainAsync(ledger, killedAt, helpPointIds);
            figures.AppendLine(Invariant($"Silo kill at {killedAt.TotalSeconds:0.0} s: declared dead after {noticed.TotalSeconds:0.0} s, every help point booking again after {bookingAgainAfterKill.TotalSeconds:0.0} s, replacement ready after {replacedAfter.TotalSeconds:0.0} s."));

            // The database restart: later, and once the cluster is whole again.
            ledger.Phase = "between faults";
            await LoadReachesAsync(ledger, duration * 0.55, acknowledged: ledger.Acknowledged + 100);
            ledger.Phase = "database down";
            var stoppedAt = ledger.Elapsed;
            var failedBefore = ledger.FailedWrites;
            await postgres.Throwaway.ShutDownAsync();
            // Down until every silo has noticed and the load has felt it, and for a few seconds at least (a restart
            // that only blips is no test of the silos' reconnection), then started again.
            await Poll.UntilAsync("every silo reports itself not ready and writes fail", s_faultDeadline, async () =>
            {
                var statuses = await Task.WhenAll(gateways.Current.Select(silo => silo.ReadinessAsync()));
                return statuses.All(status => status == HttpStatusCode.ServiceUnavailable) && ledger.FailedWrites - failedBefore >= 20
                    && ledger.Elapsed - stoppedAt >= s_minimumOutage
                    ? Observation.Yes() : Observation.No($"readiness {string.Join(", ", statuses.Select(status => (int)status))}, {ledger.FailedWrites - failedBefore} failed writes");
            }, cluster.Diagnostics);
            var startedAt = ledger.Elapsed;
            await postgres.Throwaway.StartAgainAsync();
            var bookingAgainAfterRestart = await EveryHelpPointBooksAgainAsync(ledger, startedAt, helpPointIds);
            ledger.Phase = "after faults";
            figures.AppendLine(Invariant($"PostgreSQL stopped at {stoppedAt.TotalSeconds:0.0} s, started again at {startedAt.TotalSeconds:0.0} s: every help point booking again {bookingAgainAfterRestart.TotalSeconds:0.0} s after the start."));

            // Some load on the recovered cluster too, however late the faults came on a slow machine.
            var end = ledger.Elapsed + (duration * 0.15);
            await LoadReachesAsync(ledger, end > duration ? end : duration, acknowledged: 0);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        var loadTime = ledger.Elapsed;
        var checker = new ResilienceChecker(gateways, ledger, helpPoints, days, cluster.Portal!, cluster.ConnectionString, cluster.Diagnostics);
        var settled = await checker.SettleFilingsAsync(s_settleDeadline);
        await checker.CheckAsync();

        var bookings = ledger.Bookings();
        var requests = ledger.Requests();
        figures.Insert(0, Invariant($"""
            Load: {workers} workers for {loadTime.TotalSeconds:0.0} s through {gateways.Current.Length} gateways, {helpPoints.Count} help points of {Computers} computers, sessions on {days.Length} days.
            Acknowledged: {ledger.Acknowledged} writes ({ledger.Acknowledged / loadTime.TotalSeconds:0}/s): {string.Join(", ", ledger.AcknowledgedByOperation.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}.
            Bookings: {bookings.Count} acknowledged ({bookings.Count(booking => booking.AcknowledgedStatus == "confirmed")} confirmed, {bookings.Count(booking => booking.AcknowledgedStatus == "waitlisted")} waitlisted), {bookings.Count(booking => booking.CancelAcknowledged)} cancellations acknowledged.
            Requests: {requests.Count} acknowledged, {requests.Count(request => request.SubmitsSent > 0)} submitted ({requests.Sum(request => request.SubmitsSent)} submits sent, {requests.Sum(request => request.SubmitsAcknowledged)} acknowledged); {checker.DossiersAtPortal} dossiers at the portal.

            """));
        figures.AppendLine(settled is { } took
            ? Invariant($"Filings cut short were finished {took.TotalSeconds:0.0} s after the load stopped.")
            : Invariant($"Filings still pending {s_settleDeadline.TotalSeconds:0} s after the load stopped (see the findings)."));
        figures.AppendLine(Invariant($"Checked: {bookings.Count} bookings, {checker.SessionsChecked} sessions, {requests.Count} requests; stored rows: {checker.StoredStates}."));
        figures.AppendLine("Refusals by kind:");
        AppendCounts(figures, ledger.Refusals);
        figures.AppendLine("Errors by kind, per phase:");
        AppendCounts(figures, ledger.Errors);
        figures.AppendLine(Invariant($"Lost {checker.Lost.Count}, overbooked {checker.Overbooked.Count}, duplicated {checker.Duplicated.Count}, inconsistent {checker.Inconsistent.Count}, anomalies during the load {ledger.Anomalies.Count}."));
        log.WriteLine(figures.ToString());

        var wrong = checker.Lost.Select(what => $"LOST: {what}")
            .Concat(checker.Overbooked.Select(what => $"OVERBOOKED: {what}"))
            .Concat(checker.Duplicated.Select(what => $"DUPLICATED: {what}"))
            .Concat(checker.Inconsistent.Select(what => $"INCONSISTENT: {what}"))
            .Concat(ledger.Anomalies.Select(what => $"DURING THE LOAD: {what}"))
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} findings:\n{string.Join('\n', wrong.Take(50))}\n\n{figures}\n{cluster.Diagnostics()}");
        Assert.All(gateways.Current, silo => Assert.False(silo.Process.HasExited, $"{silo.Name} exited.\n{silo.Process.Tail()}"));
    }

    /// <summary>Waits, bounded, until the load has run for at least <paramref name="at"/> and acknowledged that many writes.</summary>
    private static Task<TimeSpan> LoadReachesAsync(LoadLedger ledger, TimeSpan at, long acknowledged) =>
        Poll.UntilAsync(Invariant($"the load has run {at.TotalSeconds:0.#} s and had {acknowledged} writes acknowledged"), at + s_faultDeadline,
            () => Task.FromResult(ledger.Elapsed >= at && ledger.Acknowledged >= acknowledged
                ? Observation.Yes() : Observation.No(Invariant($"{ledger.Elapsed.TotalSeconds:0.0} s, {ledger.Acknowledged} acknowledged"))));

    /// <summary>Waits, bounded, until every help point has taken a booking since the fault; returns how long after it.</summary>
    private static async Task<TimeSpan> EveryHelpPointBooksAgainAsync(LoadLedger ledger, TimeSpan since, IReadOnlyCollection<string> helpPointIds)
    {
        await Poll.UntilAsync("every help point takes bookings again", s_faultDeadline, () => Task.FromResult(
            ledger.EveryHelpPointBookedAfter(since, helpPointIds) is not null ? Observation.Yes() : Observation.No("not every help point yet")));
        return ledger.EveryHelpPointBookedAfter(since, helpPointIds)!.Value;
    }

    private static void AppendCounts(StringBuilder text, IReadOnlyDictionary<(string Phase, string Kind), int> counts)
    {
        foreach (var phase in counts.GroupBy(pair => pair.Key.Phase))
        {
            text.AppendLine(Invariant($"  {phase.Key}: {string.Join(", ", phase.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Key.Kind} × {pair.Value}"))}"));
        }
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
