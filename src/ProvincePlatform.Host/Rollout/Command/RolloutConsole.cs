namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// Everything the command takes from the process around it, so that a test gives it writers, variables, a fake
/// gateway and a delay that returns at once instead of waiting half a second per poll.
/// </summary>
/// <param name="Terminal">Whether the output is a terminal (a redrawn bar) rather than a file or a log.</param>
/// <param name="Variable">Reads an environment variable.</param>
/// <param name="Delay">Waits between two polls.</param>
/// <param name="Handler">The HTTP handler to the gateway; the default one when null.</param>
public sealed record RolloutConsole(
    TextWriter Output,
    TextWriter Error,
    bool Terminal,
    Func<string, string?> Variable,
    Func<TimeSpan, CancellationToken, Task> Delay,
    HttpMessageHandler? Handler = null)
{
    public static RolloutConsole System(TimeProvider time) => new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable,
        (interval, cancellationToken) => Task.Delay(interval, time, cancellationToken));
}
