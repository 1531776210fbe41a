using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Health;

/// <summary>
/// A host whose national portal is down: <c>Portal:BaseUrl</c> names a loopback port where nothing listens, and reads
/// are not retried, so each probe is refused at once. It also carries a readiness check that the tests can turn
/// Unhealthy (<see cref="Breakdown"/>), standing for any dependency the silo cannot serve without.
/// </summary>
public sealed class PortalDownFixture : GatewayFixture
{
    public const string BreakdownCheck = "breakdown";

    /// <summary>The switch of the extra check: Healthy until a test says otherwise.</summary>
    public Switch Breakdown { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Portal:BaseUrl", $"http://127.0.0.1:{FreePorts(1)[0].ToString(CultureInfo.InvariantCulture)}/"),
        new("Portal:Retry:MaxAttempts", "0"),
    ];

    protected override void ConfigureHost(WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck(
            BreakdownCheck, () => new HealthCheckResult(Breakdown.Status, $"Made {Breakdown.Status} by a test."), [OperationsHealth.ReadyTag]);

    public sealed class Switch
    {
        public HealthStatus Status { get; set; } = HealthStatus.Healthy;
    }
}
