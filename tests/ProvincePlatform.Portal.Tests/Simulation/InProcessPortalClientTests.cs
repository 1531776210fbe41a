using Microsoft.Extensions.Time.Testing;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Portal.Tests.Simulation;

public sealed class InProcessPortalClientTests
{
    [Fact]
    public async Task A_submission_succeeds_with_the_receipt_the_portal_gave()
    {
        var (portal, _) = Samples.Portal();
        var client = new InProcessPortalClient(portal);

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(PortalOutcome.Succeeded, result.Outcome);
        Assert.Equal(Assert.Single(portal.All()).Receipt, result.Value!.Receipt);
        Assert.Equal(PortalDossierStatus.Received, result.Value.Status);
    }

    [Theory]
    [InlineData(SimulatedOutcome.Unavailable, PortalOutcome.Transient, 0)]
    [InlineData(SimulatedOutcome.Throttled, PortalOutcome.Transient, 0)]
    [InlineData(SimulatedOutcome.Refused, PortalOutcome.Refused, 0)]
    [InlineData(SimulatedOutcome.TimedOut, PortalOutcome.Ambiguous, 1)]
    public async Task A_fault_on_submission_maps_to_its_outcome_and_only_a_timeout_files_the_dossier(
        SimulatedOutcome fault, PortalOutcome expected, int filed)
    {
        var (portal, _) = Samples.Portal();
        portal.InjectFaults(fault);
        var client = new InProcessPortalClient(portal);

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.Value);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Equal(filed, portal.All().Count);
    }

    [Fact]
    public async Task A_throttled_call_carries_the_portals_retry_after()
    {
        var (portal, _) = Samples.Portal(options => options.ThrottleRetryAfter = TimeSpan.FromSeconds(5));
        portal.InjectFaults(SimulatedOutcome.Throttled);
        var client = new InProcessPortalClient(portal);

        var result = await client.GetStatusAsync("000.00.49.H49-261201-0001", CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), result.RetryAfter);
    }

    [Fact]
    public async Task A_read_that_times_out_is_transient()
    {
        var (portal, _) = Samples.Portal(options => options.TimeoutRate = 1);
        var client = new InProcessPortalClient(portal);

        var result = await client.FindByClientReferenceAsync("req-1", CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task Finding_a_reference_answers_the_first_dossier_filed_with_it_or_null()
    {
        var (portal, _) = Samples.Portal();
        var first = portal.Submit(Samples.Dossier("req-1")).Value!;
        portal.Submit(Samples.Dossier("req-1"));
        var client = new InProcessPortalClient(portal);

        var found = await client.FindByClientReferenceAsync("req-1", CancellationToken.None);
        var none = await client.FindByClientReferenceAsync("req-2", CancellationToken.None);

        Assert.Equal(PortalOutcome.Succeeded, found.Outcome);
        Assert.Equal(first.Receipt, found.Value!.Receipt);
        Assert.Equal(PortalOutcome.Succeeded, none.Outcome);
        Assert.Null(none.Value);
    }

    [Fact]
    public async Task An_unknown_receipt_and_an_unasked_supplement_are_refused()
    {
        var (portal, _) = Samples.Portal();
        var receipt = portal.Submit(Samples.Dossier("req-1")).Value!.Receipt;
        var client = new InProcessPortalClient(portal);

        var unknown = await client.GetStatusAsync("000.00.49.H49-261201-9999", CancellationToken.None);
        var unasked = await client.SubmitSupplementAsync(receipt, "req-1/s1", Samples.SupplementForm, CancellationToken.None);

        Assert.Equal(PortalOutcome.Refused, unknown.Outcome);
        Assert.Equal(PortalOutcome.Refused, unasked.Outcome);
    }

    [Fact]
    public async Task Latency_is_waited_on_the_latency_clock_and_not_on_the_simulated_one()
    {
        var (portal, simulatedClock) = Samples.Portal(options => options.Latency = TimeSpan.FromSeconds(2));
        var latencyClock = new FakeTimeProvider();
        var client = new InProcessPortalClient(portal, latencyClock);

        var call = client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);
        simulatedClock.Advance(TimeSpan.FromDays(1));

        Assert.False(call.IsCompleted);
        Assert.Empty(portal.All());
        latencyClock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PortalOutcome.Succeeded, (await call).Outcome);
    }

    [Fact]
    public void Without_latency_the_call_completes_at_once()
    {
        var (portal, _) = Samples.Portal();
        var client = new InProcessPortalClient(portal, new FakeTimeProvider());

        var call = client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.True(call.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_call_cancelled_during_latency_throws_and_files_nothing()
    {
        var (portal, _) = Samples.Portal(options => options.Latency = TimeSpan.FromSeconds(2));
        var client = new InProcessPortalClient(portal, new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var call = client.SubmitAsync(Samples.Dossier("req-1"), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(portal.All());
    }
}
