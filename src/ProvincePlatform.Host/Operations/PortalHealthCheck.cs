using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// The national portal: Healthy when a cheap read (a search by a client reference no filing ever has) answers within
/// <see cref="Timeout"/>, Degraded, never Unhealthy, when it fails, refuses or times out. The platform keeps booking,
/// checking in and taking requests while the portal is down (filings wait in each request's outbox), so a silo must not
/// be taken out of service for it. The answer is kept for <see cref="CacheFor"/>, and once one is known it is answered
/// at once while the next probe runs, so readiness neither waits on the portal nor calls it more than once per period,
/// however often it is asked.
/// </summary>
/// <remarks>A singleton: the kept answer is shared by every readiness request.</remarks>
public sealed partial class PortalHealthCheck(IPortalClient portal, TimeProvider time, ILogger<PortalHealthCheck> logger) : IHealthCheck
{
    /// <summary>The client reference probed: not one of ours (those are request ids, <c>{communeCode}-r…</c>).</summary>
    public const string ProbeReference = "provinceplatform-health-probe";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private HealthCheckResult? _last;
    private long _lastAt;
    private Task<HealthCheckResult>? _probing;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var fresh = _last is not null && time.GetElapsedTime(_lastAt) < CacheFor;
            var probing = fresh ? null : StartProbe();
            // Fresh, or the latest while the probe makes the next one; only the very first answer is waited for.
            return _last is { } known ? Task.FromResult(known) : probing!.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The probe in progress, or a new one: asks the portal now, and keeps the answer.</summary>
    public Task<HealthCheckResult> ProbeAsync()
    {
        lock (_lock)
        {
            return StartProbe();
        }
    }

    // Called under the lock; on the thread pool, so that a probe which completes at once cannot finish inside it.
    private Task<HealthCheckResult> StartProbe() => _probing ??= Task.Run(RunProbeAsync, CancellationToken.None);

    private async Task<HealthCheckResult> RunProbeAsync()
    {
        try
        {
            var result = await AskPortalAsync();
            lock (_lock)
            {
                (_last, _lastAt) = (result, time.GetTimestamp());
            }

            return result;
        }
        finally
        {
            lock (_lock)
            {
                _probing = null;
            }
        }
    }

    /// <summary>Asks the portal, within <see cref="Timeout"/>; every failure the client can report is Degraded.</summary>
    private async Task<HealthCheckResult> AskPortalAsync()
    {
        // Never on a caller's token: the probe is shared, and one impatient caller must not spoil it for the others.
        using var timeout = new CancellationTokenSource(Timeout, time);
        try
        {
            var answer = await portal.FindByClientReferenceAsync(ProbeReference, timeout.Token).WaitAsync(timeout.Token);
            return answer.Outcome switch
            {
                PortalOutcome.Succeeded => HealthCheckResult.Healthy("The national portal answers."),
                PortalOutcome.Refused => Degraded("The national portal refused the probe.", null),
                _ => Degraded("The national portal is unavailable.", null),
            };
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            return Degraded($"The national portal did not answer within {Timeout.TotalSeconds:0} s.", exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Degraded("The national portal could not be probed.", exception);
        }
    }

    private HealthCheckResult Degraded(string description, Exception? exception)
    {
        LogPortalDegraded(logger, description, exception);
        return HealthCheckResult.Degraded(description);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal health probe: {Description}")]
    private static partial void LogPortalDegraded(ILogger logger, string description, Exception? exception);
}
