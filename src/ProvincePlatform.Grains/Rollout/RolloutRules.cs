using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Rollout;

namespace ProvincePlatform.Grains.Rollout;

/// <summary>
/// Which moves between rollout stages make sense. A commune that has started never goes back to
/// <see cref="RolloutStage.NotStarted"/> (its history would lie; <see cref="RolloutStage.Paused"/> says it stopped),
/// and a commune that never started has nothing to pause. Every other move is the province's call.
/// </summary>
public static class RolloutRules
{
    public const int MaxNoteLength = 500;

    public static Refusal? CheckMove(RolloutStage from, RolloutStage to) => (from, to) switch
    {
        _ when !Enum.IsDefined(to) => new Refusal(RefusalCode.RolloutStageNotAllowed, "stage", "Unknown stage."),
        (not RolloutStage.NotStarted, RolloutStage.NotStarted) => new Refusal(RefusalCode.RolloutStageNotAllowed, "stage",
            "Đã bắt đầu triển khai: chỉ tạm dừng được, không quay lại / The rollout has started here: it can be paused, never undone."),
        (RolloutStage.NotStarted, RolloutStage.Paused) => new Refusal(RefusalCode.RolloutStageNotAllowed, "stage",
            "Chưa triển khai nên không có gì để tạm dừng / The rollout has not started here: there is nothing to pause."),
        _ => null,
    };
}
