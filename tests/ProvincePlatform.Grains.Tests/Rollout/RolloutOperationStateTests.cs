using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Rollout;

namespace ProvincePlatform.Grains.Tests.Rollout;

public sealed class RolloutOperationStateTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Progress_counts_provisioned_and_skipped_communes_as_done_and_the_rest_as_pending()
    {
        var state = Started("20527", "20530", "20533");

        state.RecordDone("20527", ProvisionResult.Provisioned);
        state.RecordDone("20530", ProvisionResult.Skipped);
        var progress = state.Progress("ro-20261201-0a0b0c0d");

        Assert.Equal((RolloutStatus.Running, 3, 1, 1, 2), (progress.Status, progress.Total, progress.Provisioned, progress.Skipped, progress.Done));
        Assert.Equal(["20533"], state.Pending());
        Assert.False(state.TryFinish(s_now));
    }

    [Fact]
    public void A_commune_is_given_up_on_only_after_its_last_allowed_attempt()
    {
        var state = Started("20527");

        for (var attempt = 1; attempt < RolloutOperationState.MaxAttempts; attempt++)
        {
            state.RecordAttemptFailed("20527", $"attempt {attempt}");
            Assert.Equal(["20527"], state.Pending());
        }

        state.RecordAttemptFailed("20527", "the last");

        Assert.Empty(state.Pending());
        Assert.True(state.TryFinish(s_now));
        var progress = state.Progress("ro-20261201-0a0b0c0d");
        Assert.Equal(RolloutStatus.CompletedWithFailures, progress.Status);
        Assert.Equal(new RolloutFailure("20527", "the last"), Assert.Single(progress.Failures));
        Assert.Equal(s_now, progress.FinishedAt);
    }

    [Fact]
    public void A_commune_that_succeeds_after_failed_attempts_counts_as_done_without_failures()
    {
        var state = Started("20527");

        state.RecordAttemptFailed("20527", "storage");
        state.RecordDone("20527", ProvisionResult.Provisioned);

        Assert.True(state.TryFinish(s_now));
        Assert.Equal(RolloutStatus.Completed, state.Progress("ro-20261201-0a0b0c0d").Status);
        Assert.Empty(state.Attempts);
    }

    [Fact]
    public void Operation_ids_are_dated_and_recognised()
    {
        var id = RolloutOperationIds.New(new DateOnly(2026, 12, 1));

        Assert.StartsWith("ro-20261201-", id, StringComparison.Ordinal);
        Assert.True(RolloutOperationIds.IsWellFormed(id));
        Assert.False(RolloutOperationIds.IsWellFormed("ro-20261201-0A0B0C0D"));
        Assert.False(RolloutOperationIds.IsWellFormed("../../etc/passwd"));
        Assert.False(RolloutOperationIds.IsWellFormed(null));
    }

    private static RolloutOperationState Started(params string[] communeCodes) => new()
    {
        Order = new RolloutOrder([.. communeCodes], TestTemplates.DaiThanh, "province-it"),
        StartedAt = s_now.AddMinutes(-5),
    };
}
