using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// Whether this process's silo can serve. Unhealthy unless it is an active member of the cluster: a silo that is
/// still joining, shutting down or declared dead must not be given requests (the contract: ready only while the silo
/// is active). Degraded while it is active but one of Orleans' own runtime components (the membership table refresh,
/// the I-am-alive heartbeat, the probes of other silos, the activation collector) reports that its timer is overdue,
/// the stall Orleans' watchdog warns about: the silo still answers, late. Healthy otherwise.
/// </summary>
/// <remarks>A singleton, so that each participant is asked about the time since the previous check, as the watchdog does.</remarks>
public sealed partial class SiloHealthCheck(
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
    IEnumerable<IHealthCheckParticipant> participants,
    TimeProvider time,
    ILogger<SiloHealthCheck> logger) : IHealthCheck
{
    private readonly IHealthCheckParticipant[] _participants = [.. participants];
    private long _lastCheckTicks = time.GetUtcNow().UtcTicks;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The silo is {status}, not an active member of the cluster."));
        }

        var now = time.GetUtcNow().UtcTicks;
        var lastCheck = new DateTime(Interlocked.Exchange(ref _lastCheckTicks, now), DateTimeKind.Utc);
        var stalled = new List<string>();
        foreach (var participant in _participants)
        {
            var component = participant.GetType().Name;
            if (!participant.CheckHealth(lastCheck, out var reason))
            {
                // The reason may name other silos' addresses: it goes to the log, the anonymous answer names the component.
                LogStalled(logger, component, reason);
                stalled.Add(component);
            }
        }

        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy("The silo is an active member of the cluster.")
            : HealthCheckResult.Degraded(
                $"The silo is an active member of the cluster, but Orleans reports stalled components: {string.Join(", ", stalled)}."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans runtime component {Component} reports a stall: {Reason}")]
    private static partial void LogStalled(ILogger logger, string component, string? reason);
}
