using ProvincePlatform.Host.Rollout.Command;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>
/// One run of <c>rollout</c> with writers for its output, the variables given, and a delay that records how long
/// the command asked to wait and returns at once, so no test waits in real time; a test against a real gateway
/// passes a real delay instead, since there the operation runs on its own time.
/// </summary>
public sealed class CommandRun(Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public List<TimeSpan> Delays { get; } = [];

    public Dictionary<string, string?> Variables { get; } = new() { [RolloutCommand.KeyVariable] = "pp_test-key" };

    public bool Terminal { get; init; }

    public string Output => _output.ToString();

    public string Error => _error.ToString();

    /// <summary>What a person reads on a redirected output: its lines, without the empty ones.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Task<int> RunAsync(HttpMessageHandler gateway, params string[] args) => RunAsync(gateway, CancellationToken.None, args);

    /// <param name="gateway">A fake gateway, or null for the real one over the network.</param>
    public Task<int> RunAsync(HttpMessageHandler? gateway, CancellationToken cancellationToken, params string[] args)
    {
        var console = new RolloutConsole(_output, _error, Terminal, name => Variables.GetValueOrDefault(name), DelayAsync, gateway);
        return RolloutCommand.RunAsync(["rollout", .. args], console, cancellationToken);
    }

    private Task DelayAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        Delays.Add(interval);
        if (delay is not null)
        {
            return delay(interval, cancellationToken);
        }

        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
    }
}
