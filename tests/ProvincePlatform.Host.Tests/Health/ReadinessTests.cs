using System.Net;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Health;

/// <summary>The health routes of the embedded default (no database, the simulated portal in process), as ops and load balancers see them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ReadinessTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Readiness_lists_each_check_with_its_status_and_duration_and_is_200_when_all_are_healthy()
    {
        using var anonymous = Gateway.ClientFor(null);

        using var response = await anonymous.GetAsync(OperationsHealth.ReadyPath);
        var report = await HttpJson.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", report.Text("status"));
        var checks = report.GetProperty("checks");
        Assert.Equal(
            [OperationsHealth.PortalCheck, OperationsHealth.SiloCheck],
            checks.EnumerateObject().Select(check => check.Name).Order(StringComparer.Ordinal));
        foreach (var check in checks.EnumerateObject())
        {
            Assert.Equal("Healthy", check.Value.Text("status"));
            Assert.False(string.IsNullOrWhiteSpace(check.Value.Text("description")));
            Assert.True(check.Value.GetProperty("durationMs").GetDouble() >= 0);
        }

        Assert.True(report.GetProperty("durationMs").GetDouble() >= 0);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_runs_no_check_and_answers_plain_healthy()
    {
        using var anonymous = Gateway.ClientFor(null);

        using var response = await anonymous.GetAsync(OperationsHealth.LivePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
