using ProvincePlatform.Contracts.Rollout;

namespace ProvincePlatform.Grains.Rollout;

/// <summary>The stored state of one rollout operation. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.RolloutOperationState")]
public sealed class RolloutOperationState
{
    /// <summary>How often a commune is tried before the operation gives up on it.</summary>
    public const int MaxAttempts = 5;

    [Id(0)]
    public RolloutOrder? Order { get; set; }

    [Id(1)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(2)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The communes finished, and how.</summary>
    [Id(3)]
    public Dictionary<string, ProvisionResult> Results { get; set; } = [];

    /// <summary>The communes given up on, with the last reason.</summary>
    [Id(4)]
    public Dictionary<string, string> Failures { get; set; } = [];

    /// <summary>Failed attempts of communes still pending.</summary>
    [Id(5)]
    public Dictionary<string, int> Attempts { get; set; } = [];

    public bool IsStarted => Order is not null;

    public IEnumerable<string> Pending() =>
        Order!.CommuneCodes.Where(code => !Results.ContainsKey(code) && !Failures.ContainsKey(code));

    public void RecordDone(string communeCode, ProvisionResult result)
    {
        Results[communeCode] = result;
        Attempts.Remove(communeCode);
    }

    /// <summary>Counts a failed attempt; the last one allowed turns into a failure of the commune.</summary>
    public void RecordAttemptFailed(string communeCode, string reason)
    {
        var attempts = Attempts.GetValueOrDefault(communeCode) + 1;
        if (attempts < MaxAttempts)
        {
            Attempts[communeCode] = attempts;
            return;
        }

        Attempts.Remove(communeCode);
        Failures[communeCode] = reason;
    }

    /// <summary>Marks the operation finished once no commune is pending; returns whether it is.</summary>
    public bool TryFinish(DateTimeOffset now)
    {
        if (FinishedAt is null && !Pending().Any())
        {
            FinishedAt = now;
        }

        return FinishedAt is not null;
    }

    public RolloutProgress Progress(string operationId) => new(
        operationId,
        FinishedAt is null ? RolloutStatus.Running : Failures.Count == 0 ? RolloutStatus.Completed : RolloutStatus.CompletedWithFailures,
        Order!.CommuneCodes.Length,
        Results.Values.Count(result => result == ProvisionResult.Provisioned),
        Results.Values.Count(result => result == ProvisionResult.Skipped),
        [.. Failures.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new RolloutFailure(pair.Key, pair.Value))],
        StartedAt,
        FinishedAt);
}
