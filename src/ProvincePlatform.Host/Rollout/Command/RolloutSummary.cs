namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>What a finished operation did, Vietnamese then English; the failed communes, each with its reason, first.</summary>
public static class RolloutSummary
{
    /// <summary>A count of communes in English, which, unlike Vietnamese, says whether there is one or more.</summary>
    public static string Communes(int count) => count == 1 ? "1 commune" : $"{count} communes";

    public static IEnumerable<string> Lines(RolloutOperation operation)
    {
        var failures = operation.Failures ?? [];
        if (failures.Count > 0)
        {
            yield return "Xã lỗi / Failed communes:";
            foreach (var failure in failures)
            {
                var reason = failure.Reason is { Length: > 0 } text ? ProblemReport.Printable(text) : "không rõ lý do / no reason given";
                yield return $"  {ProblemReport.Printable(failure.CommuneCode)}: {reason}";
            }
        }

        var (vietnamese, english) = operation.Status switch
        {
            RolloutOperation.Completed => ("hoàn tất", "completed"),
            RolloutOperation.CompletedWithFailures => ("hoàn tất, có xã lỗi", "completed with failures"),
            var other => (ProblemReport.Printable(other), ProblemReport.Printable(other)),
        };
        var id = ProblemReport.Printable(operation.OperationId);
        yield return $"Thao tác {id} {vietnamese}: đã cấp {operation.Provisioned} xã, " +
            $"bỏ qua {operation.Skipped} xã đã có, lỗi {operation.Failed} xã.";
        yield return $"Operation {id} {english}: provisioned {Communes(operation.Provisioned)}, " +
            $"skipped {operation.Skipped} already provisioned, failed {operation.Failed}.";
    }
}
