using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Host.Tests.Health;

/// <summary>
/// The portal's check against a portal made up for each state, on a fake clock: Healthy when the probe succeeds,
/// Degraded (never Unhealthy) however it fails, and one probe per period however often readiness is asked.
/// </summary>
public sealed class PortalHealthCheckTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedPortal _portal = new();

    private PortalHealthCheck Check() => new(_portal, _time, NullLogger<PortalHealthCheck>.Instance);

    [Fact]
    public async Task A_portal_that_answers_the_probe_is_healthy()
    {
        _portal.Answer(PortalResult.Success<PortalDossierState?>(null));

        var result = await Check().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal([PortalHealthCheck.ProbeReference], _portal.Asked);
    }

    public static TheoryData<string> Failures => [.. ScriptedPortal.Failures.Keys];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_portal_that_fails_the_probe_is_degraded_never_unhealthy(string failure)
    {
        ScriptedPortal.Failures[failure](_portal);

        var result = await Check().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Null(result.Exception);
    }

    [Fact]
    public async Task A_portal_that_does_not_answer_in_time_is_degraded_never_unhealthy()
    {
        var check = Check();

        var checking = check.CheckHealthAsync(new HealthCheckContext());
        await _portal.NextCall();
        _time.Advance(PortalHealthCheck.Timeout);
        var result = await checking;

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("did not answer within 2 s", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_is_kept_for_a_while_then_the_next_probe_runs_while_the_last_answer_is_served()
    {
        var check = Check();
        _portal.Answer(PortalResult.Success<PortalDossierState?>(null));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await _portal.NextCall();

        _time.Advance(PortalHealthCheck.CacheFor - TimeSpan.FromMilliseconds(1));
        var kept = await check.CheckHealthAsync(new HealthCheckContext());
        _portal.Pending();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var servedWhileProbing = await check.CheckHealthAsync(new HealthCheckContext());
        await _portal.NextCall();
        var probing = check.ProbeAsync();
        _portal.Answer(PortalResult.Failure<PortalDossierState?>(PortalOutcome.Transient, "down"));
        var probed = await probing;
        var next = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, kept.Status);
        Assert.Equal(HealthStatus.Healthy, servedWhileProbing.Status);
        Assert.Equal(HealthStatus.Degraded, probed.Status);
        Assert.Equal(HealthStatus.Degraded, next.Status);
        Assert.Equal(2, _portal.Asked.Count);
    }

    [Fact]
    public async Task Readiness_asked_by_many_at_once_makes_one_probe()
    {
        var check = Check();

        var checks = Enumerable.Range(0, 20).Select(_ => check.CheckHealthAsync(new HealthCheckContext())).ToList();
        await _portal.NextCall();
        _portal.Answer(PortalResult.Success<PortalDossierState?>(null));
        var results = await Task.WhenAll(checks);

        Assert.All(results, result => Assert.Equal(HealthStatus.Healthy, result.Status));
        Assert.Single(_portal.Asked);
    }

    /// <summary>
    /// A portal that answers each probe as the test scripts it: with a result (now, or as soon as one is given), or by
    /// throwing; until scripted, a probe waits, honouring its cancellation.
    /// </summary>
    private sealed class ScriptedPortal : IPortalClient
    {
        private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();
        private TaskCompletionSource<PortalResult<PortalDossierState?>> _answer = New();
        private Exception? _throws;

        public static Dictionary<string, Action<ScriptedPortal>> Failures { get; } = new()
        {
            ["unavailable (503)"] = portal => portal.Answer(PortalResult.Failure<PortalDossierState?>(PortalOutcome.Transient, "503")),
            ["throttled (429)"] = portal => portal.Answer(PortalResult.Failure<PortalDossierState?>(PortalOutcome.Transient, "429")),
            ["refused (4xx)"] = portal => portal.Answer(PortalResult.Failure<PortalDossierState?>(PortalOutcome.Refused, "401")),
            ["answer lost"] = portal => portal.Answer(PortalResult.Failure<PortalDossierState?>(PortalOutcome.Ambiguous, "lost")),
            ["client threw"] = portal => portal._throws = new HttpRequestException("connection reset"),
            ["client failed its own way"] = portal => portal._throws = new InvalidOperationException("a bug in the client"),
        };

        public List<string> Asked { get; } = [];

        /// <summary>Waits for the next probe to reach the portal.</summary>
        public async Task NextCall() => await _calls.Reader.ReadAsync();

        /// <summary>The answer to the probe waiting now, or else to the next ones.</summary>
        public void Answer(PortalResult<PortalDossierState?> result)
        {
            if (!_answer.TrySetResult(result))
            {
                _answer = New();
                _answer.SetResult(result);
            }
        }

        /// <summary>Makes the next probes wait for <see cref="Answer"/>.</summary>
        public void Pending() => _answer = New();

        public async Task<PortalResult<PortalDossierState?>> FindByClientReferenceAsync(string clientReference, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add(clientReference);
            }

            var answer = _answer.Task;
            await _calls.Writer.WriteAsync(clientReference, CancellationToken.None);
            if (_throws is { } exception)
            {
                throw exception;
            }

            return await answer.WaitAsync(cancellationToken);
        }

        public Task<PortalResult<PortalDossierState>> SubmitAsync(PortalDossier dossier, CancellationToken cancellationToken) =>
            throw new NotSupportedException("A health probe must never file a dossier.");

        public Task<PortalResult<PortalDossierState>> GetStatusAsync(string receipt, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<PortalResult<PortalDossierState>> SubmitSupplementAsync(
            string receipt, string clientReference, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken) =>
            throw new NotSupportedException("A health probe must never send a supplement.");

        private static TaskCompletionSource<PortalResult<PortalDossierState?>> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
