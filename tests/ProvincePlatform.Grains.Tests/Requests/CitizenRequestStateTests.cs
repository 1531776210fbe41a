using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Grains.Services;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Grains.Tests.Requests;

public sealed class CitizenRequestStateTests
{
    private const string RequestId = "20527-rabcdefghjkmn";
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly PublicService s_birth = ServiceCatalogue.Find("birthRegistration")!;
    private static readonly SubmissionOptions s_options = new();

    private readonly CitizenRequestState _state = new();

    public CitizenRequestStateTests() => _state.Open(TestRequests.Birth("20527"), s_now);

    [Fact]
    public void A_new_request_is_an_editable_draft()
    {
        Assert.Equal(RequestStatus.Draft, _state.Status);
        Assert.Null(_state.CheckEditable());
        Assert.Null(_state.NextPortalActionAt());
    }

    [Fact]
    public void Submitting_queues_one_filing_and_repeats_queue_nothing()
    {
        Assert.True(_state.BeginSubmission(RequestId, s_birth, null, s_now).Value);
        Assert.False(_state.BeginSubmission(RequestId, s_birth, null, s_now).Value);

        Assert.Equal(RequestStatus.Submitting, _state.Status);
        Assert.Equal(new PortalCall(PortalCallKind.Submit, RequestId, 0, s_now, QueuedAt: s_now), _state.Outbox);
        Assert.Equal(RefusalCode.RequestNotEditable, _state.CheckEditable()?.Code);
    }

    [Fact]
    public void An_incomplete_form_is_refused_with_the_missing_fields()
    {
        _state.Form.Remove("childSex");

        var refused = _state.BeginSubmission(RequestId, s_birth, null, s_now);

        Assert.Equal(RefusalCode.FormIncomplete, refused.Refusal?.Code);
        Assert.Equal(["form.childSex"], refused.Refusal!.Errors!.Keys);
        Assert.Equal(RequestStatus.Draft, _state.Status);
    }

    [Fact]
    public void A_filed_dossier_keeps_its_receipt_and_is_polled_until_final()
    {
        _state.BeginSubmission(RequestId, s_birth, null, s_now);

        _state.RecordFiled(Dossier(PortalDossierStatus.Received), s_now, s_options);

        Assert.Equal((RequestStatus.Submitted, "H49-0001"), (_state.Status, _state.PortalReceipt));
        Assert.Null(_state.Outbox);
        Assert.Equal(s_now + s_options.PollInterval, _state.NextPortalActionAt());
        Assert.True(_state.ApplyPortalState(Dossier(PortalDossierStatus.Processing), s_now, s_options));
        Assert.False(_state.ApplyPortalState(Dossier(PortalDossierStatus.Processing), s_now, s_options));
        Assert.True(_state.ApplyPortalState(Dossier(PortalDossierStatus.Completed, "Đã trả kết quả"), s_now, s_options));
        Assert.Null(_state.NextPortalActionAt());
        Assert.Equal("Đã trả kết quả", _state.History[^1].Note);
    }

    [Fact]
    public void Failed_attempts_back_off_and_give_up_as_failed_after_the_last()
    {
        var options = new SubmissionOptions { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromSeconds(30) };
        _state.BeginSubmission(RequestId, s_birth, null, s_now);

        _state.StartAttempt();
        _state.RecordAttemptFailed("Transient", s_now, options);
        Assert.Equal(s_now.AddSeconds(30), _state.Outbox!.NextAttemptAt);
        _state.StartAttempt();
        _state.RecordAttemptFailed("Ambiguous", s_now, options);
        Assert.Equal(s_now.AddSeconds(60), _state.Outbox!.NextAttemptAt);
        _state.StartAttempt();
        _state.RecordAttemptFailed("Transient", s_now, options);

        Assert.Equal(RequestStatus.Failed, _state.Status);
        Assert.Null(_state.NextPortalActionAt());
    }

    [Fact]
    public void An_attempt_counts_before_the_portal_is_called_so_a_retry_after_a_crash_reconciles_first()
    {
        _state.BeginSubmission(RequestId, s_birth, null, s_now);

        var started = _state.StartAttempt();

        // Stored before the call: a new activation reading this outbox sees an attempt that may have landed.
        Assert.Equal(1, started.Attempts);
        Assert.Equal(1, _state.Outbox!.Attempts);
    }

    [Fact]
    public void A_permanent_refusal_ends_the_request_as_failed_with_the_reason()
    {
        _state.BeginSubmission(RequestId, s_birth, null, s_now);

        _state.RecordRefused("Hồ sơ không hợp lệ", s_now);

        Assert.Equal(RequestStatus.Failed, _state.Status);
        Assert.Equal("Hồ sơ không hợp lệ", _state.History[^1].Note);
        Assert.Equal(RefusalCode.RequestNotSubmittable, _state.BeginSubmission(RequestId, s_birth, null, s_now).Refusal?.Code);
    }

    [Fact]
    public void A_supplement_request_reopens_the_form_and_resubmitting_sends_a_supplement()
    {
        _state.BeginSubmission(RequestId, s_birth, null, s_now);
        _state.RecordFiled(Dossier(PortalDossierStatus.Received), s_now, s_options);
        _state.ApplyPortalState(Dossier(PortalDossierStatus.SupplementRequested, "Bổ sung giấy chứng sinh"), s_now, s_options);

        Assert.Null(_state.CheckEditable());
        Assert.Null(_state.NextPortalActionAt());
        Assert.True(_state.BeginSubmission(RequestId, s_birth, null, s_now).Value);

        Assert.Equal(new PortalCall(PortalCallKind.Supplement, $"{RequestId}/s1", 0, s_now, QueuedAt: s_now), _state.Outbox);
        _state.RecordFiled(Dossier(PortalDossierStatus.Processing), s_now, s_options);
        Assert.Equal((RequestStatus.Submitted, 1), (_state.Status, _state.SupplementsSent));
    }

    [Fact]
    public void A_repeated_idempotency_key_queues_nothing_even_after_a_supplement_request()
    {
        _state.BeginSubmission(RequestId, s_birth, "key-1", s_now);
        _state.RecordFiled(Dossier(PortalDossierStatus.Received), s_now, s_options);
        _state.ApplyPortalState(Dossier(PortalDossierStatus.SupplementRequested), s_now, s_options);

        Assert.False(_state.BeginSubmission(RequestId, s_birth, "key-1", s_now).Value);
        Assert.Equal(RequestStatus.SupplementRequested, _state.Status);
    }

    private static PortalDossierState Dossier(PortalDossierStatus status, string? note = null) =>
        new("H49-0001", RequestId, status, note, s_now);
}
