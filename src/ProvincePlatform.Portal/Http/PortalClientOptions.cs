namespace ProvincePlatform.Portal.Http;

/// <summary>The <c>Portal</c> configuration section: where the portal is and how hard to try it.</summary>
public sealed class PortalClientOptions
{
    public const string SectionName = "Portal";

    /// <summary>The portal's address; when it is not set, the platform runs the simulated portal in process.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take, retries of reads included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public PortalRetryOptions Retry { get; set; } = new();

    public PortalCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

/// <summary>
/// <c>Portal:Retry</c>: retries of reads (GET) only. Writes are never retried here: the portal does not deduplicate,
/// so the caller reconciles before it files again.
/// </summary>
public sealed class PortalRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first back-off; it doubles, with jitter, for each retry.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary><c>Portal:CircuitBreaker</c>: when to stop calling a failing portal for a while.</summary>
public sealed class PortalCircuitBreakerOptions
{
    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The calls within <see cref="SamplingDuration"/> below which the circuit never opens.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
