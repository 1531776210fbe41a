using ProvincePlatform.Host.Rollout.Command;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>The progress bar: one redrawn line on a terminal, a line per tenth when the output is redirected.</summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void Nothing_processed_draws_an_empty_bar()
    {
        Assert.Equal("Triển khai / Rollout [░░░░░░░░░░░░░░░░░░░░] 0/234  lỗi/failed 0", ProgressBar.Render(0, 0, 234));
    }

    [Fact]
    public void Part_processed_fills_the_bar_in_proportion_rounded_down()
    {
        Assert.Equal("Triển khai / Rollout [██████████░░░░░░░░░░] 120/234  lỗi/failed 0", ProgressBar.Render(120, 0, 234));
        Assert.Equal("Triển khai / Rollout [███████████████████░] 233/234  lỗi/failed 2", ProgressBar.Render(233, 2, 234));
    }

    [Fact]
    public void Everything_processed_fills_the_bar()
    {
        Assert.Equal("Triển khai / Rollout [████████████████████] 234/234  lỗi/failed 1", ProgressBar.Render(234, 1, 234));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    public void The_bar_has_the_width_asked_for(int width)
    {
        var bar = ProgressBar.Render(50, 0, 100, width);

        var inside = bar[(bar.IndexOf('[', StringComparison.Ordinal) + 1)..bar.IndexOf(']', StringComparison.Ordinal)];
        Assert.Equal(width, inside.Length);
        Assert.Equal(width / 2, inside.Count(cell => cell == '█'));
    }

    [Fact]
    public void An_operation_with_nothing_to_do_is_complete()
    {
        Assert.Equal("Triển khai / Rollout [████████████████████] 0/0  lỗi/failed 0", ProgressBar.Render(0, 0, 0));
    }

    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_only_when_it_changes_and_ends_its_line_at_the_finish()
    {
        using var output = new StringWriter();
        var bar = new ProgressBar(output, terminal: true);

        bar.Update(0, 0, 4);
        bar.Update(0, 0, 4);
        bar.Update(2, 1, 4);
        bar.Finish();

        Assert.Equal(
            "\r" + ProgressBar.Render(0, 0, 4) + "\r" + ProgressBar.Render(2, 1, 4) + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void When_redirected_a_line_is_written_only_as_each_tenth_is_passed()
    {
        using var output = new StringWriter();
        var bar = new ProgressBar(output, terminal: false);

        foreach (var processed in new[] { 0, 5, 9, 10, 12, 19, 35, 36, 99, 100 })
        {
            bar.Update(processed, 0, 100);
        }

        bar.Finish();

        Assert.Equal(
            [
                "Triển khai / Rollout 10% 10/100  lỗi/failed 0",
                "Triển khai / Rollout 35% 35/100  lỗi/failed 0",
                "Triển khai / Rollout 99% 99/100  lỗi/failed 0",
                "Triển khai / Rollout 100% 100/100  lỗi/failed 0",
            ],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', output.ToString());
    }
}
