using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Rollout;

namespace ProvincePlatform.Grains.Tests.Rollout;

public sealed class RolloutRulesTests
{
    [Theory]
    [InlineData(RolloutStage.NotStarted, RolloutStage.Preparing)]
    [InlineData(RolloutStage.NotStarted, RolloutStage.Active)]
    [InlineData(RolloutStage.Preparing, RolloutStage.Piloting)]
    [InlineData(RolloutStage.Piloting, RolloutStage.Active)]
    [InlineData(RolloutStage.Active, RolloutStage.Paused)]
    [InlineData(RolloutStage.Paused, RolloutStage.Piloting)]
    [InlineData(RolloutStage.Active, RolloutStage.Preparing)]
    public void The_province_may_move_a_commune_between_started_stages(RolloutStage from, RolloutStage to) =>
        Assert.Null(RolloutRules.CheckMove(from, to));

    [Theory]
    [InlineData(RolloutStage.Preparing)]
    [InlineData(RolloutStage.Active)]
    [InlineData(RolloutStage.Paused)]
    public void A_started_rollout_is_never_undone(RolloutStage from)
    {
        var refusal = RolloutRules.CheckMove(from, RolloutStage.NotStarted);

        Assert.Equal(RefusalCode.RolloutStageNotAllowed, refusal?.Code);
        Assert.Equal("stage", refusal?.Field);
    }

    [Fact]
    public void A_commune_that_never_started_cannot_be_paused() =>
        Assert.Equal(RefusalCode.RolloutStageNotAllowed, RolloutRules.CheckMove(RolloutStage.NotStarted, RolloutStage.Paused)?.Code);

    [Fact]
    public void A_stage_that_does_not_exist_is_refused() =>
        Assert.Equal(RefusalCode.RolloutStageNotAllowed, RolloutRules.CheckMove(RolloutStage.Preparing, (RolloutStage)42)?.Code);
}
