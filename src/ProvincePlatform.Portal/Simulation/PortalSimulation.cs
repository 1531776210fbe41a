using System.Globalization;

namespace ProvincePlatform.Portal.Simulation;

/// <summary>
/// The simulated National Public Service Portal. It files every submission as a new dossier (it does not
/// deduplicate), derives each dossier's status from the simulated time, and injects faults at configured rates.
/// Decisions and faults are drawn from random generators seeded by <see cref="PortalSimulationOptions.Seed"/>, under
/// one lock, so that a sequence of calls always meets the same portal. Thread-safe.
/// </summary>
public sealed class PortalSimulation
{
    /// <summary>Quảng Nam's clock: receipt numbers carry the portal's local date.</summary>
    private static readonly TimeSpan s_portalUtcOffset = TimeSpan.FromHours(7);

    private static readonly string[] s_supplementNotes =
    [
        "Đề nghị bổ sung bản sao có chứng thực giấy khai sinh / Please supply a certified copy of the birth certificate",
        "Đề nghị bổ sung ảnh chân dung đúng quy cách / Please supply a portrait photo in the required format",
        "Đề nghị bổ sung giấy tờ chứng minh nơi cư trú / Please supply a proof of residence",
    ];

    private static readonly string[] s_rejectionNotes =
    [
        "Hồ sơ không đủ điều kiện giải quyết theo quy định / The dossier does not meet the legal conditions",
        "Thông tin trong hồ sơ không khớp Cơ sở dữ liệu quốc gia về dân cư / The dossier does not match the national population database",
    ];

    private const string ReceivedNote = "Đã tiếp nhận hồ sơ / Dossier received";
    private const string ProcessingNote = "Hồ sơ đang được xử lý / The dossier is being processed";
    private const string SupplementReceivedNote = "Đã nhận hồ sơ bổ sung, đang xử lý / Supplement received; being processed";
    private const string CompletedNote = "Đã giải quyết xong, mời nhận kết quả / Completed; the result is ready";
    private const string RefusalNote = "Cổng DVC từ chối tiếp nhận: thủ tục chưa được cung cấp trực tuyến tại cơ quan này / Refused: this service is not offered online by this agency";
    private const string IncompleteNote = "Thiếu thông tin bắt buộc của hồ sơ / The dossier lacks a required field";
    private const string UnavailableNote = "Hệ thống đang bảo trì, vui lòng thử lại sau / The portal is under maintenance; try again later";
    private const string ThrottledNote = "Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests; try again later";
    private const string TimedOutNote = "Không nhận được phản hồi / The answer was lost";
    private const string NotFoundNote = "Không tìm thấy hồ sơ / No dossier with this receipt";

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<SimulatedDossier> _dossiers = [];
    private readonly Dictionary<string, SimulatedDossier> _byReceipt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SimulatedDossier>> _byClientReference = new(StringComparer.Ordinal);
    private readonly Dictionary<(SimulatedCallKind Kind, SimulatedOutcome Outcome), int> _calls = [];
    private readonly Queue<SimulatedOutcome> _injectedFaults = new();
    private PortalSimulationOptions _options;
    private Random _decisionRandom;
    private Random _faultRandom;
    private int _receiptCounter;

    public PortalSimulation(TimeProvider timeProvider, PortalSimulationOptions? options = null)
    {
        _time = timeProvider;
        _options = (options ?? new PortalSimulationOptions()).Clone();
        _options.Validate();
        (_decisionRandom, _faultRandom) = CreateRandoms(_options.Seed);
    }

    /// <summary>The simulated clock.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>A copy of the settings in force.</summary>
    public PortalSimulationOptions Options
    {
        get
        {
            lock (_lock)
            {
                return _options.Clone();
            }
        }
    }

    /// <summary>
    /// Changes the settings at run time. Invalid settings throw <see cref="ArgumentException"/> and change nothing;
    /// a new <see cref="PortalSimulationOptions.Seed"/> restarts both random generators.
    /// </summary>
    public PortalSimulationOptions Configure(Action<PortalSimulationOptions> configure)
    {
        lock (_lock)
        {
            var next = _options.Clone();
            configure(next);
            return Apply(next);
        }
    }

    /// <summary>Puts back settings read earlier from <see cref="Options"/>, every one of them.</summary>
    public PortalSimulationOptions Restore(PortalSimulationOptions saved)
    {
        lock (_lock)
        {
            return Apply(saved.Clone());
        }
    }

    // Called under the lock.
    private PortalSimulationOptions Apply(PortalSimulationOptions next)
    {
        next.Validate();
        if (next.Seed != _options.Seed)
        {
            (_decisionRandom, _faultRandom) = CreateRandoms(next.Seed);
        }

        _options = next;
        return next.Clone();
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> portal calls, of whatever kind, answer <paramref name="fault"/>
    /// before the configured rates are consulted.
    /// </summary>
    public void InjectFaults(SimulatedOutcome fault, int count = 1)
    {
        if (fault is not (SimulatedOutcome.Refused or SimulatedOutcome.Throttled or SimulatedOutcome.Unavailable or SimulatedOutcome.TimedOut))
        {
            throw new ArgumentException($"{fault} is not a fault that can be injected.", nameof(fault));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _injectedFaults.Enqueue(fault);
            }
        }
    }

    /// <summary>Files a new dossier, always: a second submission with the same client reference files a second dossier.</summary>
    public SimulatedAnswer<PortalDossierState> Submit(PortalDossier dossier)
    {
        lock (_lock)
        {
            var fault = DrawFault(SimulatedCallKind.Submit);
            if (IsEffectless(fault))
            {
                return Count(SimulatedCallKind.Submit, Failure<PortalDossierState>(fault));
            }

            if (string.IsNullOrWhiteSpace(dossier.ClientReference) || string.IsNullOrWhiteSpace(dossier.ServiceCode)
                || string.IsNullOrWhiteSpace(dossier.CommuneCode))
            {
                return Count(SimulatedCallKind.Submit, new SimulatedAnswer<PortalDossierState>(SimulatedOutcome.Refused, null, IncompleteNote));
            }

            var now = _time.GetUtcNow();
            var filed = new SimulatedDossier(NextReceipt(now), dossier.ClientReference, now);
            Schedule(filed, now, supplementAllowed: true);
            _dossiers.Add(filed);
            _byReceipt.Add(filed.Receipt, filed);
            Index(dossier.ClientReference, filed);
            return Count(SimulatedCallKind.Submit, Answer(fault, filed.StateAt(now)));
        }
    }

    /// <summary>
    /// The dossiers that hold this client reference, in the order they were filed: those filed with it (more than
    /// one when a submission was repeated) and the one that received a supplement carrying it.
    /// </summary>
    public SimulatedAnswer<IReadOnlyList<PortalDossierState>> FindByClientReference(string clientReference)
    {
        lock (_lock)
        {
            var fault = DrawFault(SimulatedCallKind.FindByClientReference);
            if (IsEffectless(fault))
            {
                return Count(SimulatedCallKind.FindByClientReference, Failure<IReadOnlyList<PortalDossierState>>(fault));
            }

            var now = _time.GetUtcNow();
            IReadOnlyList<PortalDossierState> found = _byClientReference.TryGetValue(clientReference, out var dossiers)
                ? [.. dossiers.Select(d => d.StateAt(now))]
                : [];
            return Count(SimulatedCallKind.FindByClientReference, Answer(fault, found));
        }
    }

    /// <summary>The current state of a dossier.</summary>
    public SimulatedAnswer<PortalDossierState> Get(string receipt)
    {
        lock (_lock)
        {
            var fault = DrawFault(SimulatedCallKind.GetStatus);
            if (IsEffectless(fault))
            {
                return Count(SimulatedCallKind.GetStatus, Failure<PortalDossierState>(fault));
            }

            var answer = _byReceipt.TryGetValue(receipt, out var dossier)
                ? Answer(fault, dossier.StateAt(_time.GetUtcNow()))
                : Lost(fault, new SimulatedAnswer<PortalDossierState>(SimulatedOutcome.NotFound, null, NotFoundNote));
            return Count(SimulatedCallKind.GetStatus, answer);
        }
    }

    /// <summary>
    /// Receives the supplement the portal asked for: the dossier returns to processing and is decided again
    /// <see cref="PortalSimulationOptions.DecisionAfter"/> later. Refused (<see cref="SimulatedOutcome.Conflict"/>)
    /// unless the dossier awaits a supplement.
    /// </summary>
    /// <param name="clientReference">The supplement's own reference, by which <see cref="FindByClientReference"/> finds the dossier.</param>
    public SimulatedAnswer<PortalDossierState> Supplement(string receipt, string clientReference, IReadOnlyDictionary<string, string> form)
    {
        lock (_lock)
        {
            var fault = DrawFault(SimulatedCallKind.SubmitSupplement);
            if (IsEffectless(fault))
            {
                return Count(SimulatedCallKind.SubmitSupplement, Failure<PortalDossierState>(fault));
            }

            if (!_byReceipt.TryGetValue(receipt, out var dossier))
            {
                return Count(SimulatedCallKind.SubmitSupplement,
                    Lost(fault, new SimulatedAnswer<PortalDossierState>(SimulatedOutcome.NotFound, null, NotFoundNote)));
            }

            var now = _time.GetUtcNow();
            var current = dossier.StateAt(now);
            if (current.Status != PortalDossierStatus.SupplementRequested)
            {
                var conflict = new SimulatedAnswer<PortalDossierState>(SimulatedOutcome.Conflict, current,
                    $"Hồ sơ không ở trạng thái chờ bổ sung / The dossier is not awaiting a supplement (status {current.Status})");
                return Count(SimulatedCallKind.SubmitSupplement, Lost(fault, conflict));
            }

            dossier.SupplementCount++;
            Schedule(dossier, now, supplementAllowed: false);
            if (!string.IsNullOrWhiteSpace(clientReference))
            {
                Index(clientReference, dossier);
            }

            return Count(SimulatedCallKind.SubmitSupplement, Answer(fault, dossier.StateAt(now)));
        }
    }

    /// <summary>Every dossier filed, in filing order; an inspection that is neither counted nor faulted.</summary>
    public IReadOnlyList<PortalDossierState> All()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return [.. _dossiers.Select(d => d.StateAt(now))];
        }
    }

    /// <summary>How many portal calls there were, optionally of one kind and with one outcome.</summary>
    public int CountCalls(SimulatedCallKind? kind = null, SimulatedOutcome? outcome = null)
    {
        lock (_lock)
        {
            return _calls.Where(c => (kind is null || c.Key.Kind == kind) && (outcome is null || c.Key.Outcome == outcome)).Sum(c => c.Value);
        }
    }

    /// <summary>The calls so far by kind and outcome.</summary>
    public IReadOnlyList<SimulatedCallCount> CallCounts()
    {
        lock (_lock)
        {
            return [.. _calls.OrderBy(c => c.Key.Kind).ThenBy(c => c.Key.Outcome).Select(c => new SimulatedCallCount(c.Key.Kind, c.Key.Outcome, c.Value))];
        }
    }

    private static (Random Decisions, Random Faults) CreateRandoms(int seed) =>
        (new Random(seed), new Random(unchecked((seed * 397) ^ 0x5EED)));

    private static SimulatedAnswer<T> Answer<T>(SimulatedOutcome fault, T value) =>
        fault == SimulatedOutcome.TimedOut
            ? new SimulatedAnswer<T>(SimulatedOutcome.TimedOut, value, TimedOutNote)
            : new SimulatedAnswer<T>(SimulatedOutcome.Ok, value, null);

    /// <summary>An answer other than success, which a time-out loses like any other.</summary>
    private static SimulatedAnswer<T> Lost<T>(SimulatedOutcome fault, SimulatedAnswer<T> answer) =>
        fault == SimulatedOutcome.TimedOut ? answer with { Outcome = SimulatedOutcome.TimedOut } : answer;

    private SimulatedAnswer<T> Failure<T>(SimulatedOutcome fault) => fault switch
    {
        SimulatedOutcome.Unavailable => new SimulatedAnswer<T>(fault, default, UnavailableNote),
        SimulatedOutcome.Throttled => new SimulatedAnswer<T>(fault, default, ThrottledNote, _options.ThrottleRetryAfter),
        _ => new SimulatedAnswer<T>(SimulatedOutcome.Refused, default, RefusalNote),
    };

    /// <summary>Whether the fault stops the call before any effect.</summary>
    private static bool IsEffectless(SimulatedOutcome fault) =>
        fault is SimulatedOutcome.Unavailable or SimulatedOutcome.Throttled or SimulatedOutcome.Refused;

    private SimulatedOutcome DrawFault(SimulatedCallKind kind)
    {
        if (_injectedFaults.TryDequeue(out var injected))
        {
            return injected;
        }

        if (Roll(_faultRandom, _options.FailureRate))
        {
            return SimulatedOutcome.Unavailable;
        }

        if (Roll(_faultRandom, _options.ThrottleRate))
        {
            return SimulatedOutcome.Throttled;
        }

        if (kind == SimulatedCallKind.Submit && Roll(_faultRandom, _options.RefusalRate))
        {
            return SimulatedOutcome.Refused;
        }

        return Roll(_faultRandom, _options.TimeoutRate) ? SimulatedOutcome.TimedOut : SimulatedOutcome.Ok;
    }

    /// <summary>A draw with probability <paramref name="rate"/>; rates 0 and 1 draw nothing, so they never shift the sequence.</summary>
    private static bool Roll(Random random, double rate) => rate >= 1 || (rate > 0 && random.NextDouble() < rate);

    private SimulatedAnswer<T> Count<T>(SimulatedCallKind kind, SimulatedAnswer<T> answer)
    {
        var key = (kind, answer.Outcome);
        _calls[key] = _calls.GetValueOrDefault(key) + 1;
        return answer;
    }

    /// <summary>Decides now what the portal will say, and when.</summary>
    private void Schedule(SimulatedDossier dossier, DateTimeOffset now, bool supplementAllowed)
    {
        dossier.ProcessingFrom = supplementAllowed ? now + _options.ProcessingStartsAfter : now;
        dossier.DecisionAt = now + _options.DecisionAfter;
        if (Roll(_decisionRandom, _options.RejectionRate))
        {
            dossier.Decision = PortalDossierStatus.Rejected;
            dossier.DecisionNote = s_rejectionNotes[_decisionRandom.Next(s_rejectionNotes.Length)];
        }
        else if (supplementAllowed && Roll(_decisionRandom, _options.SupplementRate))
        {
            dossier.Decision = PortalDossierStatus.SupplementRequested;
            dossier.DecisionNote = s_supplementNotes[_decisionRandom.Next(s_supplementNotes.Length)];
        }
        else
        {
            dossier.Decision = PortalDossierStatus.Completed;
            dossier.DecisionNote = CompletedNote;
        }
    }

    private string NextReceipt(DateTimeOffset now)
    {
        _receiptCounter++;
        var day = now.ToOffset(s_portalUtcOffset).ToString("yyMMdd", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{_options.ReceiptPrefix}-{day}-{_receiptCounter:D4}");
    }

    private void Index(string clientReference, SimulatedDossier dossier)
    {
        if (!_byClientReference.TryGetValue(clientReference, out var list))
        {
            _byClientReference[clientReference] = list = [];
        }

        list.Add(dossier);
    }

    /// <summary>A dossier as the simulator keeps it: no personal data, since neither the applicant nor the form is kept.</summary>
    private sealed class SimulatedDossier(string receipt, string clientReference, DateTimeOffset filedAt)
    {
        public string Receipt { get; } = receipt;

        public string ClientReference { get; } = clientReference;

        public DateTimeOffset FiledAt { get; } = filedAt;

        public DateTimeOffset ProcessingFrom { get; set; }

        public DateTimeOffset DecisionAt { get; set; }

        public PortalDossierStatus Decision { get; set; }

        public string DecisionNote { get; set; } = "";

        public int SupplementCount { get; set; }

        public PortalDossierState StateAt(DateTimeOffset now)
        {
            if (now >= DecisionAt)
            {
                return State(Decision, DecisionNote, DecisionAt);
            }

            if (now >= ProcessingFrom)
            {
                return State(PortalDossierStatus.Processing, SupplementCount > 0 ? SupplementReceivedNote : ProcessingNote, ProcessingFrom);
            }

            return State(PortalDossierStatus.Received, ReceivedNote, FiledAt);
        }

        private PortalDossierState State(PortalDossierStatus status, string note, DateTimeOffset at) =>
            new(Receipt, ClientReference, status, note, at, SupplementCount);
    }
}
