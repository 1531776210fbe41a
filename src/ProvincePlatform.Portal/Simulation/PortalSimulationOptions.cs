namespace ProvincePlatform.Portal.Simulation;

/// <summary>
/// How the simulated portal behaves: how fast dossiers move, how they are decided, and which faults it injects.
/// Bound from <c>Portal:Simulation</c> in the platform and from <c>Simulation</c> in the simulator service; changed
/// at run time through <see cref="PortalSimulation.Configure"/>.
/// </summary>
public sealed class PortalSimulationOptions
{
    /// <summary>Seeds the random draws of decisions and of faults, so that a run can be reproduced.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The agency part of receipt numbers, as in <c>000.00.49.H49-261201-0001</c>.</summary>
    public string ReceiptPrefix { get; set; } = "000.00.49.H49";

    /// <summary>How long after filing a dossier moves from received to processing.</summary>
    public TimeSpan ProcessingStartsAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after filing (or after a supplement) the portal decides.</summary>
    public TimeSpan DecisionAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The share of decisions that reject the dossier.</summary>
    public double RejectionRate { get; set; } = 0.1;

    /// <summary>The share of first decisions that ask for a supplement (a dossier is asked at most once).</summary>
    public double SupplementRate { get; set; } = 0.2;

    /// <summary>The share of calls answered 503 before any effect.</summary>
    public double FailureRate { get; set; }

    /// <summary>The share of calls answered 429 (with <c>Retry-After</c>) before any effect.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>The share of calls whose effect happens but whose answer is lost.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>The share of submissions refused for good (422) without effect.</summary>
    public double RefusalRate { get; set; }

    /// <summary>Added to every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>How long the HTTP simulator holds a timed-out call before dropping the connection; longer than the client's time-out.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>Retry-After</c> of a 429.</summary>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    public PortalSimulationOptions Clone() => (PortalSimulationOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        CheckRate(RejectionRate, nameof(RejectionRate));
        CheckRate(SupplementRate, nameof(SupplementRate));
        CheckRate(FailureRate, nameof(FailureRate));
        CheckRate(ThrottleRate, nameof(ThrottleRate));
        CheckRate(TimeoutRate, nameof(TimeoutRate));
        CheckRate(RefusalRate, nameof(RefusalRate));
        CheckNotNegative(ProcessingStartsAfter, nameof(ProcessingStartsAfter));
        CheckNotNegative(Latency, nameof(Latency));
        CheckNotNegative(TimeoutDelay, nameof(TimeoutDelay));
        CheckNotNegative(ThrottleRetryAfter, nameof(ThrottleRetryAfter));
        if (DecisionAfter < ProcessingStartsAfter)
        {
            throw new ArgumentException($"{nameof(DecisionAfter)} must not come before {nameof(ProcessingStartsAfter)}.", nameof(DecisionAfter));
        }

        if (string.IsNullOrWhiteSpace(ReceiptPrefix))
        {
            throw new ArgumentException($"{nameof(ReceiptPrefix)} must not be empty.", nameof(ReceiptPrefix));
        }
    }

    private static void CheckRate(double rate, string name)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentException($"{name} must lie between 0 and 1.", name);
        }
    }

    private static void CheckNotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must not be negative.", name);
        }
    }
}
