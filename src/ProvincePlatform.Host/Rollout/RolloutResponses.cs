using System.Globalization;
using System.Text.Json.Serialization;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Host.Audit;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Rollout;

/// <summary>The rollout table: every commune's stage and help points, with district and province summaries.</summary>
public sealed record RolloutTableResponse(
    IReadOnlyDictionary<string, int> Stages,
    int HelpPointCount,
    IReadOnlyList<RolloutDistrictResponse> Districts,
    IReadOnlyList<RolloutCommuneResponse> Communes)
{
    public static RolloutTableResponse From(IReadOnlyList<Commune> communes, IReadOnlyDictionary<string, CommuneActivity> activity)
    {
        var rows = communes
            .Select(commune => RolloutCommuneResponse.From(commune, activity.GetValueOrDefault(commune.Code, CommuneActivity.None)))
            .ToList();
        var districts = rows.GroupBy(row => row.DistrictCode)
            .Select(district => new RolloutDistrictResponse(
                district.Key, district.First().DistrictName, district.Count(), district.Sum(row => row.HelpPointCount),
                StageCounts(district)))
            .ToList();
        return new RolloutTableResponse(StageCounts(rows), rows.Sum(row => row.HelpPointCount), districts, rows);
    }

    /// <summary>Every stage, those without communes at zero, so a chart's legend never changes shape.</summary>
    private static Dictionary<string, int> StageCounts(IEnumerable<RolloutCommuneResponse> rows)
    {
        var counts = Enum.GetValues<RolloutStage>().ToDictionary(stage => stage, _ => 0);
        foreach (var row in rows)
        {
            counts[row.Stage]++;
        }

        return counts.ToDictionary(pair => GatewayJson.EnumName(pair.Key), pair => pair.Value);
    }
}

public sealed record RolloutDistrictResponse(
    string Code, string Name, int CommuneCount, int HelpPointCount, IReadOnlyDictionary<string, int> Stages);

/// <summary>A commune's row; <c>since</c> is null (written, not left out) while the commune has not started.</summary>
public sealed record RolloutCommuneResponse(
    string Code, string Name, string DistrictCode, string DistrictName, RolloutStage Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? Since, int HelpPointCount)
{
    public static RolloutCommuneResponse From(Commune commune, CommuneActivity activity) => new(
        commune.Code, commune.Name, commune.DistrictCode, commune.DistrictName, activity.RolloutStage,
        activity.Since?.ToOffset(VietnamTime.Offset), activity.HelpPointCount);

    public RolloutCsvRow ToCsv() => new(
        Code, Name, DistrictCode, DistrictName, GatewayJson.EnumName(Stage),
        Since?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? string.Empty, HelpPointCount);
}

/// <summary>A row of the rollout table's CSV: text as the JSON writes it.</summary>
public sealed record RolloutCsvRow(
    string Code, string Name, string DistrictCode, string DistrictName, string Stage, string Since, int HelpPointCount);

public sealed record CommuneRolloutResponse(
    string CommuneCode, RolloutStage Stage, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? Since,
    IReadOnlyList<RolloutStageChangeResponse> History)
{
    public static CommuneRolloutResponse From(CommuneRollout rollout) => new(
        rollout.CommuneCode, rollout.Stage, rollout.Since?.ToOffset(VietnamTime.Offset),
        [.. rollout.History.Select(change => new RolloutStageChangeResponse(change.Stage, change.At.ToOffset(VietnamTime.Offset), change.By, change.Note))]);
}

public sealed record RolloutStageChangeResponse(
    RolloutStage Stage, DateTimeOffset At, string By, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Note);

public sealed record RolloutStartedResponse(string OperationId, int Total) : ICreatedResource
{
    string ICreatedResource.Id => OperationId;
}

public sealed record RolloutProgressResponse(
    string OperationId, RolloutStatus Status, int Total, int Done, int Failed, int Provisioned, int Skipped,
    DateTimeOffset StartedAt, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? FinishedAt,
    IReadOnlyList<RolloutFailure> Failures)
{
    public static RolloutProgressResponse From(RolloutProgress progress) => new(
        progress.OperationId, progress.Status, progress.Total, progress.Done, progress.Failures.Length,
        progress.Provisioned, progress.Skipped, progress.StartedAt.ToOffset(VietnamTime.Offset),
        progress.FinishedAt?.ToOffset(VietnamTime.Offset), progress.Failures);
}
