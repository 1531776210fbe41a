using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Rollout;

[GenerateSerializer, Alias("pp.RolloutStatus")]
public enum RolloutStatus
{
    Running,
    Completed,
    CompletedWithFailures,
}

/// <summary>How far a province rollout operation has come; readable while it runs.</summary>
/// <param name="Provisioned">Communes given their help points by this operation.</param>
/// <param name="Skipped">Communes that already had help points (from an earlier rollout or their own), left as they were.</param>
[GenerateSerializer, Immutable, Alias("pp.RolloutProgress")]
public sealed record RolloutProgress(
    [property: Id(0)] string OperationId,
    [property: Id(1)] RolloutStatus Status,
    [property: Id(2)] int Total,
    [property: Id(3)] int Provisioned,
    [property: Id(4)] int Skipped,
    [property: Id(5)] ImmutableArray<RolloutFailure> Failures,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? FinishedAt)
{
    public int Done => Provisioned + Skipped;
}

/// <summary>A commune the operation gave up on, and why (never personal data: it is about help points).</summary>
[GenerateSerializer, Immutable, Alias("pp.RolloutFailure")]
public sealed record RolloutFailure(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string Reason);
