using System.Diagnostics;
using System.Globalization;
using Xunit.Sdk;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>What a probe saw: whether the awaited condition holds, and what was observed, for the failure message.</summary>
public readonly record struct Observation(bool Holds, string Observed)
{
    public static Observation Yes(string observed = "") => new(true, observed);

    public static Observation No(string observed) => new(false, observed);
}

/// <summary>
/// Bounded readiness probes: real processes cannot run on a fake clock, so a test waits for a condition by asking
/// again every <see cref="Interval"/> until it holds, and fails with what it last saw once the deadline passes.
/// This polling interval is the only delay the tests use.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Probes until the condition holds and returns how long that took; fails at the deadline.</summary>
    /// <param name="condition">What is awaited, for the failure message ("every silo is ready").</param>
    /// <param name="probe">Asks once; an exception counts as "not yet" and is reported if it was the last answer.</param>
    /// <param name="diagnostics">More for the failure message, such as the output of the processes involved.</param>
    public static async Task<TimeSpan> UntilAsync(
        string condition, TimeSpan within, Func<Task<Observation>> probe, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "nothing yet";
        var attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                var observation = await probe();
                if (observation.Holds)
                {
                    return clock.Elapsed;
                }

                last = observation.Observed;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException
                or Npgsql.NpgsqlException or TimeoutException)
            {
                last = $"{exception.GetType().Name}: {exception.Message}";
            }

            if (clock.Elapsed > within)
            {
                throw new XunitException(string.Create(CultureInfo.InvariantCulture,
                    $"Not within {within.TotalSeconds:0.#} s ({attempts} probes): {condition}. Last seen: {last}\n{diagnostics?.Invoke()}"));
            }

            await Task.Delay(Interval);
        }
    }
}
