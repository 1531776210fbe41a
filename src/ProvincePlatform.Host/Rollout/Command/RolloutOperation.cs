namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>The 202 answer to <c>POST /api/v1/province/rollout</c>.</summary>
public sealed record RolloutAccepted(string OperationId, int Total);

/// <summary>
/// <c>GET /api/v1/province/rollout/operations/{operationId}</c>. <see cref="Status"/> stays text, so that a status the
/// gateway adds later is reported rather than failing the read.
/// </summary>
public sealed record RolloutOperation(
    string OperationId,
    string Status,
    int Total,
    int Done,
    int Failed,
    int Provisioned,
    int Skipped,
    IReadOnlyList<RolloutFailure>? Failures = null)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string CompletedWithFailures = "completedWithFailures";

    /// <summary>Communes the operation has finished with either way.</summary>
    public int Processed => Done + Failed;

    public bool IsRunning => Status == Running;
}

public sealed record RolloutFailure(string CommuneCode, string? Reason);
