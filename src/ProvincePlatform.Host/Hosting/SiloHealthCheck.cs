using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProvincePlatform.Host.Hosting;

/// <summary>Ready only while this process's silo is an active member of the cluster.</summary>
public sealed class SiloHealthCheck(ILocalSiloDetails localSilo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active.")
            : HealthCheckResult.Unhealthy($"The silo is {status}."));
    }
}
