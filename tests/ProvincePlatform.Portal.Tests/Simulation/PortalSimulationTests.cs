using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Portal.Tests.Simulation;

public sealed class PortalSimulationTests
{
    [Fact]
    public void Every_submission_gets_a_new_readable_receipt_with_the_portal_date_and_a_counter()
    {
        var (portal, _) = Samples.Portal();

        var receipts = Enumerable.Range(1, 20).Select(i => portal.Submit(Samples.Dossier($"req-{i}")).Value!.Receipt).ToList();

        Assert.Equal(20, receipts.Distinct().Count());
        Assert.Equal("000.00.49.H49-261201-0001", receipts[0]);
        Assert.Equal("000.00.49.H49-261201-0020", receipts[^1]);
    }

    [Fact]
    public void Concurrent_submissions_each_file_their_own_dossier_with_a_unique_receipt()
    {
        var (portal, _) = Samples.Portal();

        var receipts = new string[500];
        Parallel.For(0, receipts.Length, i => receipts[i] = portal.Submit(Samples.Dossier($"req-{i}")).Value!.Receipt);

        Assert.Equal(receipts.Length, receipts.Distinct().Count());
        Assert.Equal(receipts.Length, portal.All().Count);
        Assert.Equal(receipts.Length, portal.CountCalls(SimulatedCallKind.Submit, SimulatedOutcome.Ok));
    }

    [Fact]
    public void Submitting_the_same_client_reference_twice_files_two_dossiers_and_finding_it_shows_both()
    {
        var (portal, _) = Samples.Portal();

        var first = portal.Submit(Samples.Dossier("req-1")).Value!;
        var second = portal.Submit(Samples.Dossier("req-1")).Value!;
        portal.Submit(Samples.Dossier("req-2"));

        var found = portal.FindByClientReference("req-1");
        Assert.Equal(SimulatedOutcome.Ok, found.Outcome);
        Assert.Equal([first.Receipt, second.Receipt], found.Value!.Select(d => d.Receipt));
        Assert.Empty(portal.FindByClientReference("req-unknown").Value!);
    }

    [Fact]
    public void A_new_dossier_is_received_then_processing_after_a_day_then_completed_after_three_days()
    {
        var (portal, clock) = Samples.Portal();
        var receipt = portal.Submit(Samples.Dossier("req-1")).Value!.Receipt;

        var received = portal.Get(receipt).Value!;
        Assert.Equal(PortalDossierStatus.Received, received.Status);
        Assert.Equal(Samples.Start, received.UpdatedAt);

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(PortalDossierStatus.Received, portal.Get(receipt).Value!.Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        var processing = portal.Get(receipt).Value!;
        Assert.Equal(PortalDossierStatus.Processing, processing.Status);
        Assert.Equal(Samples.Start.AddDays(1), processing.UpdatedAt);

        clock.Advance(TimeSpan.FromDays(2));
        var completed = portal.Get(receipt).Value!;
        Assert.Equal(PortalDossierStatus.Completed, completed.Status);
        Assert.Equal(Samples.Start.AddDays(3), completed.UpdatedAt);
        Assert.Contains("Completed", completed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejection_rate_of_one_rejects_every_dossier_with_a_note_when_the_decision_is_due()
    {
        var (portal, clock) = Samples.Portal(options => options.RejectionRate = 1);
        var receipts = Enumerable.Range(1, 5).Select(i => portal.Submit(Samples.Dossier($"req-{i}")).Value!.Receipt).ToList();

        clock.Advance(TimeSpan.FromDays(3));

        Assert.All(receipts.Select(r => portal.Get(r).Value!), state =>
        {
            Assert.Equal(PortalDossierStatus.Rejected, state.Status);
            Assert.False(string.IsNullOrWhiteSpace(state.Note));
        });
    }

    [Fact]
    public void A_requested_supplement_returns_the_dossier_to_processing_and_it_is_completed_a_decision_period_later()
    {
        var (portal, clock) = Samples.Portal(options => options.SupplementRate = 1);
        var receipt = portal.Submit(Samples.Dossier("req-1")).Value!.Receipt;
        clock.Advance(TimeSpan.FromDays(3));
        var asked = portal.Get(receipt).Value!;
        Assert.Equal(PortalDossierStatus.SupplementRequested, asked.Status);
        Assert.Contains("Please supply", asked.Note, StringComparison.Ordinal);

        var supplemented = portal.Supplement(receipt, "req-1/s1", Samples.SupplementForm);

        Assert.Equal(SimulatedOutcome.Ok, supplemented.Outcome);
        Assert.Equal(PortalDossierStatus.Processing, supplemented.Value!.Status);
        Assert.Equal(1, supplemented.Value.SupplementCount);
        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        Assert.Equal(PortalDossierStatus.Processing, portal.Get(receipt).Value!.Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        // A dossier is asked for a supplement at most once, even at a supplement rate of one.
        Assert.Equal(PortalDossierStatus.Completed, portal.Get(receipt).Value!.Status);
    }

    [Fact]
    public void A_supplement_is_found_by_its_own_client_reference()
    {
        var (portal, clock) = Samples.Portal(options => options.SupplementRate = 1);
        var receipt = portal.Submit(Samples.Dossier("req-1")).Value!.Receipt;
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(portal.FindByClientReference("req-1/s1").Value!);

        portal.Supplement(receipt, "req-1/s1", Samples.SupplementForm);

        var found = Assert.Single(portal.FindByClientReference("req-1/s1").Value!);
        Assert.Equal(receipt, found.Receipt);
        Assert.Equal(1, found.SupplementCount);
    }

    [Fact]
    public void A_supplement_is_refused_unless_the_portal_asked_for_one()
    {
        var (portal, clock) = Samples.Portal(options => options.SupplementRate = 1);
        var receipt = portal.Submit(Samples.Dossier("req-1")).Value!.Receipt;

        var whileReceived = portal.Supplement(receipt, "req-1/s1", Samples.SupplementForm);
        clock.Advance(TimeSpan.FromDays(3));
        portal.Supplement(receipt, "req-1/s1", Samples.SupplementForm);
        var twice = portal.Supplement(receipt, "req-1/s2", Samples.SupplementForm);
        var unknown = portal.Supplement("000.00.49.H49-261201-9999", "req-9/s1", Samples.SupplementForm);

        Assert.Equal(SimulatedOutcome.Conflict, whileReceived.Outcome);
        Assert.Equal(SimulatedOutcome.Conflict, twice.Outcome);
        Assert.Equal(PortalDossierStatus.Processing, twice.Value!.Status);
        Assert.Equal(1, portal.Get(receipt).Value!.SupplementCount);
        Assert.Equal(SimulatedOutcome.NotFound, unknown.Outcome);
    }

    [Fact]
    public void An_unknown_receipt_is_not_found()
    {
        var (portal, _) = Samples.Portal();

        Assert.Equal(SimulatedOutcome.NotFound, portal.Get("000.00.49.H49-261201-0001").Outcome);
    }

    [Fact]
    public void A_failure_rate_of_one_answers_unavailable_to_every_call_before_any_effect()
    {
        var (portal, _) = Samples.Portal(options => options.FailureRate = 1);

        var answers = new[]
        {
            portal.Submit(Samples.Dossier("req-1")).Outcome,
            portal.FindByClientReference("req-1").Outcome,
            portal.Get("000.00.49.H49-261201-0001").Outcome,
            portal.Supplement("000.00.49.H49-261201-0001", "req-1/s1", Samples.SupplementForm).Outcome,
        };

        Assert.All(answers, outcome => Assert.Equal(SimulatedOutcome.Unavailable, outcome));
        Assert.Empty(portal.All());
        Assert.Equal(4, portal.CountCalls(outcome: SimulatedOutcome.Unavailable));
    }

    [Fact]
    public void A_throttle_rate_of_one_answers_too_many_requests_with_a_retry_after_before_any_effect()
    {
        var (portal, _) = Samples.Portal(options =>
        {
            options.ThrottleRate = 1;
            options.ThrottleRetryAfter = TimeSpan.FromSeconds(7);
        });

        var answer = portal.Submit(Samples.Dossier("req-1"));

        Assert.Equal(SimulatedOutcome.Throttled, answer.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), answer.RetryAfter);
        Assert.Empty(portal.All());
    }

    [Fact]
    public void A_refusal_rate_of_one_refuses_submissions_without_filing_and_leaves_reads_alone()
    {
        var (portal, _) = Samples.Portal(options => options.RefusalRate = 1);

        var answer = portal.Submit(Samples.Dossier("req-1"));

        Assert.Equal(SimulatedOutcome.Refused, answer.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(answer.Reason));
        Assert.Empty(portal.All());
        Assert.Equal(SimulatedOutcome.Ok, portal.FindByClientReference("req-1").Outcome);
    }

    [Fact]
    public void A_submission_without_a_client_reference_is_refused()
    {
        var (portal, _) = Samples.Portal();

        Assert.Equal(SimulatedOutcome.Refused, portal.Submit(Samples.Dossier(" ")).Outcome);
        Assert.Empty(portal.All());
    }

    [Fact]
    public void A_timeout_rate_of_one_files_the_dossier_but_loses_the_answer()
    {
        var (portal, _) = Samples.Portal(options => options.TimeoutRate = 1);

        var answer = portal.Submit(Samples.Dossier("req-1"));

        Assert.Equal(SimulatedOutcome.TimedOut, answer.Outcome);
        var filed = Assert.Single(portal.All());
        Assert.Equal(filed.Receipt, answer.Value!.Receipt);
        Assert.Equal("req-1", filed.ClientReference);
    }

    [Fact]
    public void A_timed_out_supplement_is_received_all_the_same()
    {
        var (portal, clock) = Samples.Portal(options => options.SupplementRate = 1);
        var receipt = portal.Submit(Samples.Dossier("req-1")).Value!.Receipt;
        clock.Advance(TimeSpan.FromDays(3));
        portal.Configure(options => options.TimeoutRate = 1);

        var answer = portal.Supplement(receipt, "req-1/s1", Samples.SupplementForm);

        Assert.Equal(SimulatedOutcome.TimedOut, answer.Outcome);
        portal.Configure(options => options.TimeoutRate = 0);
        Assert.Equal(PortalDossierStatus.Processing, portal.Get(receipt).Value!.Status);
        Assert.Single(portal.FindByClientReference("req-1/s1").Value!);
    }

    [Fact]
    public void Fault_rates_of_zero_never_inject_a_fault()
    {
        var (portal, _) = Samples.Portal();

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(SimulatedOutcome.Ok, portal.Submit(Samples.Dossier($"req-{i}")).Outcome);
            Assert.Equal(SimulatedOutcome.Ok, portal.FindByClientReference($"req-{i}").Outcome);
        }

        Assert.Equal(400, portal.CountCalls(outcome: SimulatedOutcome.Ok));
    }

    [Fact]
    public void The_same_seed_gives_the_same_faults_and_the_same_decisions()
    {
        static IReadOnlyList<string> Run(int seed)
        {
            var (portal, clock) = Samples.Portal(options =>
            {
                options.Seed = seed;
                options.RejectionRate = 0.3;
                options.SupplementRate = 0.3;
                options.FailureRate = 0.2;
                options.TimeoutRate = 0.2;
            });
            var outcomes = Enumerable.Range(0, 60).Select(i => portal.Submit(Samples.Dossier($"req-{i}")).Outcome.ToString()).ToList();
            clock.Advance(TimeSpan.FromDays(3));
            return [.. outcomes, .. portal.All().Select(d => $"{d.Receipt} {d.Status} {d.Note}")];
        }

        var first = Run(7);

        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
        Assert.Contains(nameof(SimulatedOutcome.Unavailable), first);
        Assert.Contains(nameof(SimulatedOutcome.TimedOut), first);
        Assert.Contains(first, line => line.Contains(nameof(PortalDossierStatus.Rejected), StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains(nameof(PortalDossierStatus.SupplementRequested), StringComparison.Ordinal));
    }

    [Fact]
    public void Injected_faults_answer_the_next_calls_and_then_the_portal_answers_again()
    {
        var (portal, _) = Samples.Portal();
        portal.InjectFaults(SimulatedOutcome.Unavailable, 2);

        var outcomes = Enumerable.Range(0, 3).Select(_ => portal.FindByClientReference("req-1").Outcome).ToList();

        Assert.Equal([SimulatedOutcome.Unavailable, SimulatedOutcome.Unavailable, SimulatedOutcome.Ok], outcomes);
        Assert.Throws<ArgumentException>(() => portal.InjectFaults(SimulatedOutcome.Ok));
    }

    [Fact]
    public void Settings_changed_at_run_time_apply_to_the_next_call_and_invalid_ones_change_nothing()
    {
        var (portal, _) = Samples.Portal();

        portal.Configure(options => options.FailureRate = 1);
        Assert.Equal(SimulatedOutcome.Unavailable, portal.Submit(Samples.Dossier("req-1")).Outcome);

        Assert.Throws<ArgumentException>(() => portal.Configure(options =>
        {
            options.FailureRate = 0;
            options.TimeoutRate = 1.5;
        }));
        Assert.Equal(1, portal.Options.FailureRate);
        Assert.Throws<ArgumentException>(() => portal.Configure(options => options.DecisionAfter = TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_dossiers_it_keeps_hold_no_personal_data()
    {
        var (portal, _) = Samples.Portal();
        var dossier = Samples.Dossier("req-1");

        portal.Submit(dossier);

        var shown = string.Join('\n', portal.All().Select(d => d.ToString()));
        Assert.DoesNotContain(dossier.Applicant.IdNumber, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(dossier.Applicant.FullName, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(dossier.Applicant.Phone, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(dossier.Applicant.IdNumber, dossier.ToString(), StringComparison.Ordinal);
    }
}
