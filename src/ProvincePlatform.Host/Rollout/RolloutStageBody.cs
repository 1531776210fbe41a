using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Rollout;

namespace ProvincePlatform.Host.Rollout;

/// <summary>The body of <c>PUT /communes/{communeCode}/rollout-stage</c>.</summary>
public sealed record RolloutStageBody(RolloutStage? Stage, string? Note)
{
    public RolloutStage? ToStage(out string? note, Dictionary<string, string[]> errors)
    {
        note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (Stage is not { } stage || !Enum.IsDefined(stage))
        {
            errors["stage"] = ["Bắt buộc: notStarted, preparing, piloting, active hoặc paused / Required: notStarted, preparing, piloting, active or paused."];
        }

        if (note?.Length > RolloutRules.MaxNoteLength)
        {
            errors["note"] = [$"Tối đa {RolloutRules.MaxNoteLength} ký tự / At most {RolloutRules.MaxNoteLength} characters."];
        }

        return errors.Count == 0 ? Stage : null;
    }
}
