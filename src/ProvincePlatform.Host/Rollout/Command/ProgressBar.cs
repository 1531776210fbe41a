using System.Globalization;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The rollout's progress. On a terminal one line is redrawn in place with <c>\r</c>; when the output goes to a file
/// or a CI log, where <c>\r</c> would leave hundreds of lines, a line is written only as each tenth is passed.
/// A commune counts as processed once it is done (provisioned or skipped) or given up on.
/// </summary>
public sealed class ProgressBar(TextWriter output, bool terminal, int width = ProgressBar.DefaultWidth)
{
    public const int DefaultWidth = 20;
    public const string Label = "Triển khai / Rollout";

    private string? _drawn;
    private int _tenthsWritten;

    public bool Terminal => terminal;

    /// <summary>The bar itself: <c>Triển khai / Rollout [██████████░░░░░░░░░░] 120/234  lỗi/failed 0</c>.</summary>
    public static string Render(int processed, int failed, int total, int width = DefaultWidth)
    {
        var filled = total <= 0 ? width : (int)((long)Math.Clamp(processed, 0, total) * width / total);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Label} [{new string('█', filled)}{new string('░', width - filled)}] {processed}/{total}  lỗi/failed {failed}");
    }

    /// <summary>The line written to a redirected output: <c>Triển khai / Rollout 50% 117/234  lỗi/failed 0</c>.</summary>
    public static string RenderLine(int processed, int failed, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{Label} {Percent(processed, total)}% {processed}/{total}  lỗi/failed {failed}");

    public void Update(int processed, int failed, int total)
    {
        if (terminal)
        {
            var bar = Render(processed, failed, total, width);
            if (bar != _drawn)
            {
                // Spaces over whatever a longer line before left behind.
                output.Write("\r" + bar.PadRight(_drawn?.Length ?? 0));
                output.Flush();
                _drawn = bar;
            }

            return;
        }

        var tenths = Percent(processed, total) / 10;
        if (tenths > _tenthsWritten)
        {
            output.WriteLine(RenderLine(processed, failed, total));
            _tenthsWritten = tenths;
        }
    }

    /// <summary>Ends the bar's line on a terminal, so whatever comes next starts on a line of its own.</summary>
    public void Finish()
    {
        if (terminal && _drawn is not null)
        {
            output.WriteLine();
            _drawn = null;
        }
    }

    private static int Percent(int processed, int total) =>
        total <= 0 ? 100 : (int)((long)Math.Clamp(processed, 0, total) * 100 / total);
}
