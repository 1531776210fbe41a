using System.Collections.Immutable;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Services;
using ProvincePlatform.Portal;

namespace ProvincePlatform.Grains.Requests;

/// <summary>
/// The stored state of one citizen request, with the rules of its life: which statuses allow editing and
/// submitting, what each portal answer does to it, and when it next needs the portal. Members are only ever added,
/// with new ids.
/// </summary>
[GenerateSerializer, Alias("pp.CitizenRequestState")]
public sealed class CitizenRequestState
{
    private const int KeptIdempotencyKeys = 20;

    [Id(0)]
    public string? CommuneCode { get; set; }

    [Id(1)]
    public string ServiceCode { get; set; } = string.Empty;

    [Id(2)]
    public Citizen? Citizen { get; set; }

    [Id(3)]
    public string? BookingId { get; set; }

    [Id(4)]
    public Dictionary<string, string> Form { get; set; } = [];

    [Id(5)]
    public RequestStatus Status { get; set; }

    [Id(6)]
    public List<RequestHistoryEntry> History { get; set; } = [];

    [Id(7)]
    public string? PortalReceipt { get; set; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(9)]
    public PortalCall? Outbox { get; set; }

    [Id(10)]
    public DateTimeOffset? NextPollAt { get; set; }

    /// <summary>The most recent Idempotency-Key values of accepted submit calls.</summary>
    [Id(11)]
    public List<string> IdempotencyKeys { get; set; } = [];

    [Id(12)]
    public int SupplementsSent { get; set; }

    public bool IsCreated => Citizen is not null;

    public bool IsFinal => Status is RequestStatus.Completed or RequestStatus.Rejected or RequestStatus.Failed;

    /// <summary>When the request next needs the portal: a filing owed, or a status to ask for.</summary>
    public DateTimeOffset? NextPortalActionAt() => Outbox?.NextAttemptAt ?? NextPollAt;

    public void Open(NewRequest request, DateTimeOffset now)
    {
        (CommuneCode, ServiceCode, Citizen, BookingId, CreatedAt) =
            (request.CommuneCode, request.ServiceCode, request.Citizen, request.BookingId, now);
        Form = new Dictionary<string, string>(request.Form);
        Move(RequestStatus.Draft, now, "Mở hồ sơ nháp / Draft opened");
    }

    public Refusal? CheckEditable() =>
        Status is RequestStatus.Draft or RequestStatus.SupplementRequested
            ? null
            : new Refusal(RefusalCode.RequestNotEditable, Detail: $"The request is {Status}.");

    /// <summary>
    /// Queues the filing the request's status calls for: the dossier itself, or the supplement the portal asked
    /// for. Answers whether a filing was queued; a request already on its way queues nothing, so repeats are harmless.
    /// </summary>
    public Outcome<bool> BeginSubmission(string requestId, PublicService service, string? idempotencyKey, DateTimeOffset now)
    {
        if (idempotencyKey is not null && IdempotencyKeys.Contains(idempotencyKey))
        {
            return false;
        }

        if (Status is RequestStatus.Submitting or RequestStatus.Submitted or RequestStatus.Processing)
        {
            return false;
        }

        if (Status is not (RequestStatus.Draft or RequestStatus.SupplementRequested))
        {
            return new Refusal(RefusalCode.RequestNotSubmittable, Detail: $"The request is {Status}.");
        }

        var missing = FormRules.CheckComplete(service, Form);
        if (missing.Count > 0)
        {
            return new Refusal(RefusalCode.FormIncomplete, Errors: missing.ToImmutableDictionary());
        }

        Outbox = PortalReceipt is null
            ? new PortalCall(PortalCallKind.Submit, requestId, 0, now, QueuedAt: now)
            : new PortalCall(PortalCallKind.Supplement, $"{requestId}/s{SupplementsSent + 1}", 0, now, QueuedAt: now);
        NextPollAt = null;
        if (idempotencyKey is not null)
        {
            IdempotencyKeys.Add(idempotencyKey);
            IdempotencyKeys.RemoveRange(0, Math.Max(0, IdempotencyKeys.Count - KeptIdempotencyKeys));
        }

        Move(RequestStatus.Submitting, now, Outbox.Kind == PortalCallKind.Submit
            ? "Đang nộp lên Cổng DVC quốc gia / Filing with the national portal"
            : "Đang gửi bổ sung / Sending the supplement");
        return true;
    }

    /// <summary>The portal holds the filing (it answered, or reconciliation found it).</summary>
    public void RecordFiled(PortalDossierState dossier, DateTimeOffset now, SubmissionOptions options)
    {
        var kind = Outbox?.Kind ?? PortalCallKind.Submit;
        Outbox = null;
        PortalReceipt = dossier.Receipt;
        if (kind == PortalCallKind.Supplement)
        {
            SupplementsSent++;
        }

        NextPollAt = now + options.PollInterval;
        Move(RequestStatus.Submitted, now, kind == PortalCallKind.Submit
            ? $"Cổng DVC đã tiếp nhận, mã hồ sơ {dossier.Receipt} / Filed, receipt {dossier.Receipt}"
            : "Cổng DVC đã nhận bổ sung / Supplement received");
    }

    /// <summary>The portal refused the filing for good.</summary>
    public void RecordRefused(string reason, DateTimeOffset now)
    {
        Outbox = null;
        NextPollAt = null;
        Move(RequestStatus.Failed, now, reason);
    }

    /// <summary>
    /// Counts an attempt as made before the portal is called, and is stored so: should the silo die before the
    /// answer is recorded, the next attempt knows the filing may have landed and asks the portal first.
    /// </summary>
    public PortalCall StartAttempt() => Outbox = Outbox! with { Attempts = Outbox.Attempts + 1 };

    /// <summary>The attempt did not succeed; try again later, or give up after too many attempts.</summary>
    public void RecordAttemptFailed(string failure, DateTimeOffset now, SubmissionOptions options)
    {
        var call = Outbox!;
        var attempts = call.Attempts;
        if (attempts >= options.MaxAttempts)
        {
            RecordRefused($"Cổng DVC không phản hồi sau {attempts} lần thử / The portal did not answer after {attempts} attempts: {failure}", now);
            return;
        }

        Outbox = call with { NextAttemptAt = now + options.RetryDelay(attempts), LastFailure = failure };
    }

    /// <summary>What the portal now says of the dossier; answers whether the status changed.</summary>
    public bool ApplyPortalState(PortalDossierState dossier, DateTimeOffset now, SubmissionOptions options)
    {
        var status = dossier.Status switch
        {
            PortalDossierStatus.Received => RequestStatus.Submitted,
            PortalDossierStatus.Processing => RequestStatus.Processing,
            PortalDossierStatus.SupplementRequested => RequestStatus.SupplementRequested,
            PortalDossierStatus.Completed => RequestStatus.Completed,
            _ => RequestStatus.Rejected,
        };
        var waiting = status is RequestStatus.Submitted or RequestStatus.Processing;
        NextPollAt = waiting ? now + options.PollInterval : null;
        if (status == Status)
        {
            return false;
        }

        Move(status, now, dossier.Note);
        return true;
    }

    /// <summary>A poll that the portal did not answer: ask again later.</summary>
    public void PostponePoll(DateTimeOffset now, SubmissionOptions options) => NextPollAt = now + options.PollInterval;

    private void Move(RequestStatus status, DateTimeOffset now, string? note)
    {
        Status = status;
        History.Add(new RequestHistoryEntry(now, status, note));
    }
}
