using System.Diagnostics;
using System.Globalization;

namespace ProvincePlatform.LoadTest;

/// <summary>
/// Waits for the machine to settle between phases: work queued by the phase before (filings still going to the
/// portal, PostgreSQL vacuuming what the mix wrote) would otherwise be measured as part of the next one.
/// </summary>
public static class QuietMachine
{
    /// <summary>
    /// Waits until all cores together have been under 10 % busy for two seconds in a row, at most
    /// <paramref name="within"/>. Returns how long it waited, and whether the machine was quiet by then.
    /// </summary>
    public static async Task<(TimeSpan Waited, bool Quiet)> WaitAsync(TimeSpan within)
    {
        var started = Stopwatch.StartNew();
        var (quietSeconds, before) = (0, Sample());
        while (started.Elapsed < within)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Sample();
            var busy = (double)(now.Busy - before.Busy) / Math.Max(1, now.Total - before.Total);
            quietSeconds = busy < 0.10 ? quietSeconds + 1 : 0;
            before = now;
            if (quietSeconds >= 2)
            {
                return (started.Elapsed, true);
            }
        }

        return (started.Elapsed, false);
    }

    /// <summary>The machine's CPU time so far, busy and in all, from the first line of /proc/stat.</summary>
    private static (long Busy, long Total) Sample()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal
        var idle = ticks[3] + ticks[4];
        return (ticks.Sum() - idle, ticks.Sum());
    }
}
