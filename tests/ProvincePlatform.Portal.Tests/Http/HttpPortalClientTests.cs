using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Portal.Http;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Portal.Tests.Http;

/// <summary>The HTTP client and its resilience pipeline against the real simulator service.</summary>
public sealed class HttpPortalClientTests : IAsyncLifetime
{
    private RunningSimulator _simulator = null!;
    private ServiceProvider? _services;

    private PortalSimulation Portal => _simulator.Simulation;

    public async Task InitializeAsync() => _simulator = await RunningSimulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_submission_is_created_and_succeeds_with_the_receipt_the_portal_gave()
    {
        var client = Client();

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(PortalOutcome.Succeeded, result.Outcome);
        var filed = Assert.Single(Portal.All());
        Assert.Equal(filed.Receipt, result.Value!.Receipt);
        Assert.Equal("req-1", result.Value.ClientReference);
        Assert.Equal(PortalDossierStatus.Received, result.Value.Status);
    }

    [Theory]
    [InlineData(SimulatedOutcome.Unavailable, PortalOutcome.Transient)]
    [InlineData(SimulatedOutcome.Throttled, PortalOutcome.Transient)]
    [InlineData(SimulatedOutcome.Refused, PortalOutcome.Refused)]
    public async Task A_fault_answered_to_a_submission_maps_to_its_outcome_and_the_submission_is_sent_once(
        SimulatedOutcome fault, PortalOutcome expected)
    {
        var client = Client();
        Portal.InjectFaults(fault);

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Equal(1, Portal.CountCalls(SimulatedCallKind.Submit));
        Assert.Empty(Portal.All());
    }

    [Fact]
    public async Task Too_many_requests_carries_the_portals_retry_after()
    {
        var client = Client();
        Portal.Configure(options => options.ThrottleRetryAfter = TimeSpan.FromSeconds(3));
        Portal.InjectFaults(SimulatedOutcome.Throttled);

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter);
    }

    [Fact]
    public async Task A_refusal_gives_the_portals_reason()
    {
        var client = Client();
        Portal.InjectFaults(SimulatedOutcome.Refused);

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(PortalOutcome.Refused, result.Outcome);
        Assert.Contains("not offered online", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_of_an_unknown_receipt_is_refused_as_not_found()
    {
        var client = Client();

        var result = await client.GetStatusAsync("000.00.49.H49-261201-9999", CancellationToken.None);

        Assert.Equal(PortalOutcome.Refused, result.Outcome);
        Assert.Contains("No dossier", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Portal.CountCalls(SimulatedCallKind.GetStatus));
    }

    [Fact]
    public async Task A_supplement_the_portal_did_not_ask_for_is_refused_as_a_conflict()
    {
        var client = Client();
        var receipt = (await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None)).Value!.Receipt;

        var result = await client.SubmitSupplementAsync(receipt, "req-1/s1", Samples.SupplementForm, CancellationToken.None);

        Assert.Equal(PortalOutcome.Refused, result.Outcome);
        Assert.Contains("not awaiting a supplement", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Portal.CountCalls(SimulatedCallKind.SubmitSupplement, SimulatedOutcome.Conflict));
    }

    [Fact]
    public async Task A_bad_request_is_refused()
    {
        var client = Client();

        var result = await client.FindByClientReferenceAsync("", CancellationToken.None);

        Assert.Equal(PortalOutcome.Refused, result.Outcome);
    }

    [Fact]
    public async Task A_submission_whose_answer_is_lost_is_ambiguous_and_is_not_retried()
    {
        var client = Client();
        // Warm the submission route up so that the one under test is handled well within the attempt time-out.
        await client.SubmitAsync(Samples.Dossier("req-warm-up"), CancellationToken.None);
        Portal.Configure(options => options.TimeoutRate = 1);

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(PortalOutcome.Ambiguous, result.Outcome);
        Assert.Single(Portal.FindByClientReference("req-1").Value!);
        Assert.Equal(1, Portal.CountCalls(SimulatedCallKind.Submit, SimulatedOutcome.TimedOut));
    }

    [Fact]
    public async Task A_supplement_whose_answer_is_lost_is_ambiguous_and_is_not_retried()
    {
        Portal.Configure(options => options.SupplementRate = 1);
        var client = Client();
        var receipt = (await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None)).Value!.Receipt;
        _simulator.Clock.Advance(TimeSpan.FromDays(3));
        Portal.InjectFaults(SimulatedOutcome.TimedOut);

        var result = await client.SubmitSupplementAsync(receipt, "req-1/s1", Samples.SupplementForm, CancellationToken.None);

        Assert.Equal(PortalOutcome.Ambiguous, result.Outcome);
        Assert.Equal(1, Portal.CountCalls(SimulatedCallKind.SubmitSupplement));
        var found = await client.FindByClientReferenceAsync("req-1/s1", CancellationToken.None);
        Assert.Equal(PortalDossierStatus.Processing, found.Value!.Status);
    }

    [Fact]
    public async Task A_read_whose_answers_are_lost_is_retried_and_then_transient()
    {
        var client = Client();
        Portal.Configure(options => options.TimeoutRate = 1);

        var result = await client.GetStatusAsync("000.00.49.H49-261201-0001", CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, result.Outcome);
        Assert.Equal(3, Portal.CountCalls(SimulatedCallKind.GetStatus, SimulatedOutcome.TimedOut));
    }

    [Fact]
    public async Task A_read_that_fails_transiently_is_retried_until_it_succeeds()
    {
        var client = Client();
        var receipt = (await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None)).Value!.Receipt;
        Portal.InjectFaults(SimulatedOutcome.Unavailable, 2);

        var result = await client.GetStatusAsync(receipt, CancellationToken.None);

        Assert.Equal(PortalOutcome.Succeeded, result.Outcome);
        Assert.Equal(receipt, result.Value!.Receipt);
        Assert.Equal(2, Portal.CountCalls(SimulatedCallKind.GetStatus, SimulatedOutcome.Unavailable));
        Assert.Equal(1, Portal.CountCalls(SimulatedCallKind.GetStatus, SimulatedOutcome.Ok));
    }

    [Fact]
    public async Task A_read_that_keeps_failing_is_transient_once_the_retries_are_spent()
    {
        var client = Client();
        Portal.Configure(options => options.FailureRate = 1);

        var result = await client.FindByClientReferenceAsync("req-1", CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, result.Outcome);
        Assert.Equal(3, Portal.CountCalls(SimulatedCallKind.FindByClientReference));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_calling_the_portal()
    {
        var client = Client(("Portal:CircuitBreaker:MinimumThroughput", "3"), ("Portal:CircuitBreaker:BreakDuration", "00:00:30"));
        Portal.Configure(options => options.FailureRate = 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(PortalOutcome.Transient, (await client.SubmitAsync(Samples.Dossier($"req-{i}"), CancellationToken.None)).Outcome);
        }

        var submission = await client.SubmitAsync(Samples.Dossier("req-3"), CancellationToken.None);
        var read = await client.FindByClientReferenceAsync("req-3", CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, submission.Outcome);
        Assert.Contains("circuit", submission.Reason, StringComparison.Ordinal);
        Assert.Equal(PortalOutcome.Transient, read.Outcome);
        Assert.Equal(3, Portal.CountCalls());
    }

    [Fact]
    public async Task Finding_a_reference_answers_the_first_dossier_filed_with_it_or_null()
    {
        var client = Client();
        var first = (await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None)).Value!;
        await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        var found = await client.FindByClientReferenceAsync("req-1", CancellationToken.None);
        var none = await client.FindByClientReferenceAsync("req-2", CancellationToken.None);

        Assert.Equal(2, Portal.FindByClientReference("req-1").Value!.Count);
        Assert.Equal(PortalOutcome.Succeeded, found.Outcome);
        Assert.Equal(first.Receipt, found.Value!.Receipt);
        Assert.Equal(PortalOutcome.Succeeded, none.Outcome);
        Assert.Null(none.Value);
    }

    [Fact]
    public async Task A_submission_to_a_portal_that_is_not_listening_is_transient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Client(("Portal:BaseUrl", $"http://127.0.0.1:{port}/"));

        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(PortalOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task A_call_cancelled_by_the_caller_throws()
    {
        var client = Client();
        Portal.Configure(options => options.Latency = TimeSpan.FromSeconds(5));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStatusAsync("000.00.49.H49-261201-0001", cancellation.Token));
    }

    [Fact]
    public async Task A_dossier_moves_to_a_supplement_request_and_on_to_completion_as_the_admin_routes_advance_the_clock()
    {
        var client = Client();
        using var admin = _simulator.CreateAdminClient();
        var settings = await admin.PutAsJsonAsync(new Uri("simulator/settings", UriKind.Relative), new { supplementRate = 1.0, rejectionRate = 0.0 });
        settings.EnsureSuccessStatusCode();
        var receipt = (await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None)).Value!.Receipt;

        (await admin.PostAsJsonAsync(new Uri("simulator/clock/advance", UriKind.Relative), new { days = 3 })).EnsureSuccessStatusCode();
        var asked = await client.GetStatusAsync(receipt, CancellationToken.None);
        var supplemented = await client.SubmitSupplementAsync(receipt, "req-1/s1", Samples.SupplementForm, CancellationToken.None);
        (await admin.PostAsJsonAsync(new Uri("simulator/clock/advance", UriKind.Relative), new { days = 2, hours = 24 })).EnsureSuccessStatusCode();
        var completed = await client.GetStatusAsync(receipt, CancellationToken.None);

        Assert.Equal(PortalDossierStatus.SupplementRequested, asked.Value!.Status);
        Assert.Equal(PortalDossierStatus.Processing, supplemented.Value!.Status);
        Assert.Equal(PortalDossierStatus.Completed, completed.Value!.Status);
        Assert.Equal(1, completed.Value.SupplementCount);
        var all = await admin.GetFromJsonAsync<List<PortalDossierState>>(new Uri("simulator/dossiers", UriKind.Relative), PortalJson.Options);
        Assert.Equal(receipt, Assert.Single(all!).Receipt);
    }

    [Fact]
    public async Task The_admin_routes_reject_settings_out_of_range_and_keep_the_previous_ones()
    {
        using var admin = _simulator.CreateAdminClient();

        var response = await admin.PutAsJsonAsync(new Uri("simulator/settings", UriKind.Relative), new { failureRate = 0.5, timeoutRate = 2.0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Portal.Options.FailureRate);
    }

    [Fact]
    public async Task The_admin_routes_inject_faults_into_the_next_calls()
    {
        var client = Client();
        using var admin = _simulator.CreateAdminClient();

        var response = await admin.PostAsJsonAsync(new Uri("simulator/faults", UriKind.Relative), new { fault = "refused", count = 1 });
        var result = await client.SubmitAsync(Samples.Dossier("req-1"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(PortalOutcome.Refused, result.Outcome);
    }

    [Fact]
    public async Task A_submission_body_missing_required_fields_is_answered_400_naming_them()
    {
        using var admin = _simulator.CreateAdminClient();

        var response = await admin.PostAsJsonAsync(new Uri("dossiers", UriKind.Relative), new { clientReference = "req-1" });
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceCode", problem, StringComparison.Ordinal);
        Assert.Empty(Portal.All());
    }

    [Fact]
    public void Reasons_are_masked_where_they_look_like_identity_or_phone_numbers_and_bounded_in_length()
    {
        var masked = HttpPortalClient.Sanitize("CCCD 049201000123 và số 0905123456 không khớp, hồ sơ 000.00.49.H49-261201-0001");

        Assert.Equal("CCCD *** và số *** không khớp, hồ sơ 000.00.49.H49-261201-0001", masked);
        Assert.True(HttpPortalClient.Sanitize(new string('x', 1000)).Length <= 301);
    }

    private IPortalClient Client(params (string Key, string Value)[] settings)
    {
        _services = _simulator.CreateClientServices(settings);
        return _services.GetRequiredService<IPortalClient>();
    }
}
