namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>How <c>rollout</c> ends, for scripts that run it.</summary>
public static class RolloutExitCode
{
    public const int Completed = 0;

    /// <summary>The operation finished with failed communes, or the gateway refused or could not be followed.</summary>
    public const int Failed = 1;

    /// <summary>Wrong arguments, no key, or a communes or template file that cannot be used; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C stopped the watching, the shells' 128 + SIGINT; the operation itself goes on at the gateway.</summary>
    public const int Interrupted = 130;
}
