using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Health;

/// <summary>Readiness over HTTP when something is wrong: the portal down is Degraded and still 200; anything Unhealthy is 503.</summary>
public sealed class PortalDownReadinessTests(PortalDownFixture host) : IClassFixture<PortalDownFixture>
{
    [Fact]
    public async Task With_the_portal_down_the_host_is_still_ready_and_reports_the_portal_degraded()
    {
        using var anonymous = host.ClientFor(null);

        using var response = await anonymous.GetAsync(OperationsHealth.ReadyPath);
        var report = await HttpJson.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal("Degraded", report.Text("status"));
        var checks = report.GetProperty("checks");
        Assert.Equal("Degraded", checks.GetProperty(OperationsHealth.PortalCheck).Text("status"));
        Assert.Equal("The national portal is unavailable.", checks.GetProperty(OperationsHealth.PortalCheck).Text("description"));
        Assert.Equal("Healthy", checks.GetProperty(OperationsHealth.SiloCheck).Text("status"));
    }

    [Fact]
    public async Task An_unhealthy_check_makes_readiness_503_while_liveness_stays_200()
    {
        using var anonymous = host.ClientFor(null);
        host.Breakdown.Status = HealthStatus.Unhealthy;
        try
        {
            using var ready = await anonymous.GetAsync(OperationsHealth.ReadyPath);
            using var live = await anonymous.GetAsync(OperationsHealth.LivePath);
            var report = await HttpJson.ReadAsync(ready, HttpStatusCode.ServiceUnavailable);

            Assert.Equal("Unhealthy", report.Text("status"));
            Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty(PortalDownFixture.BreakdownCheck).Text("status"));
            Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        }
        finally
        {
            host.Breakdown.Status = HealthStatus.Healthy;
        }
    }
}
