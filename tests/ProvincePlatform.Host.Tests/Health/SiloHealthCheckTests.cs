using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProvincePlatform.Host.Operations;

namespace ProvincePlatform.Host.Tests.Health;

/// <summary>The silo's check against a membership view and runtime components made up for each state.</summary>
public sealed class SiloHealthCheckTests
{
    private static readonly SiloAddress s_local = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress s_other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    [Fact]
    public async Task An_active_silo_whose_runtime_reports_no_stall_is_healthy()
    {
        var result = await CheckAsync(SiloStatus.Active, new Participant(null));

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task An_active_silo_with_a_stalled_runtime_component_is_degraded_and_names_the_component_only()
    {
        var result = await CheckAsync(
            SiloStatus.Active, new Participant(null), new Participant($"Monitor for {s_other} is degraded: timer should have fired 9 s ago"));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains(nameof(Participant), result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SiloStatus.None)]
    [InlineData(SiloStatus.Created)]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Stopping)]
    [InlineData(SiloStatus.Dead)]
    public async Task A_silo_that_is_not_an_active_member_is_unhealthy_even_if_its_runtime_is_fine(SiloStatus status)
    {
        var result = await CheckAsync(status, new Participant(null));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(status.ToString(), result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_component_is_asked_about_the_time_since_the_previous_check()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        var participant = new Participant(null);
        var check = Check(SiloStatus.Active, time, participant);

        time.Advance(TimeSpan.FromSeconds(10));
        await check.CheckHealthAsync(new HealthCheckContext());
        time.Advance(TimeSpan.FromSeconds(30));
        await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal([time.Start.UtcDateTime, time.Start.UtcDateTime.AddSeconds(10)], participant.AskedSince);
    }

    private static Task<HealthCheckResult> CheckAsync(SiloStatus status, params Participant[] participants) =>
        Check(status, new FakeTimeProvider(), participants).CheckHealthAsync(new HealthCheckContext());

    private static SiloHealthCheck Check(SiloStatus status, TimeProvider time, params Participant[] participants) =>
        new(new LocalSilo(), new Membership(status), participants, time, NullLogger<SiloHealthCheck>.Instance);

    private sealed class Participant(string? complaint) : IHealthCheckParticipant
    {
        public List<DateTime> AskedSince { get; } = [];

        public bool CheckHealth(DateTime lastCheckTime, [NotNullWhen(false)] out string? reason)
        {
            AskedSince.Add(lastCheckTime);
            reason = complaint;
            return complaint is null;
        }
    }

    private sealed class Membership(SiloStatus localStatus) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            ImmutableDictionary<SiloAddress, ClusterMember>.Empty
                .Add(s_local, new ClusterMember(s_local, localStatus, "local"))
                .Add(s_other, new ClusterMember(s_other, SiloStatus.Active, "other")),
            new MembershipVersion(7));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "local";

        public string ClusterId => "province-platform";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => s_local;

        public SiloAddress GatewayAddress => s_local;
    }
}
