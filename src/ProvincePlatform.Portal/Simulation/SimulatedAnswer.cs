namespace ProvincePlatform.Portal.Simulation;

/// <summary>What the simulated portal answers, before it is put into HTTP or into a <see cref="PortalResult{T}"/>.</summary>
public enum SimulatedOutcome
{
    /// <summary>200 or 201: done.</summary>
    Ok,

    /// <summary>404: no dossier with that receipt.</summary>
    NotFound,

    /// <summary>409: the dossier is not in a state that allows the call.</summary>
    Conflict,

    /// <summary>422: refused for good, without effect.</summary>
    Refused,

    /// <summary>429: too many requests, without effect.</summary>
    Throttled,

    /// <summary>503: unavailable, without effect.</summary>
    Unavailable,

    /// <summary>The effect happened but the answer is lost.</summary>
    TimedOut,
}

/// <summary>The kinds of portal call, for counting.</summary>
public enum SimulatedCallKind
{
    Submit,
    FindByClientReference,
    GetStatus,
    SubmitSupplement,
}

/// <summary>One answer of the simulated portal.</summary>
/// <param name="Value">The answer's body; for <see cref="SimulatedOutcome.TimedOut"/>, the answer that was lost.</param>
/// <param name="Reason">Why it did not succeed, in Vietnamese and English.</param>
/// <param name="RetryAfter">For <see cref="SimulatedOutcome.Throttled"/>, how long the caller should wait.</param>
public sealed record SimulatedAnswer<T>(SimulatedOutcome Outcome, T? Value, string? Reason, TimeSpan? RetryAfter = null);

/// <summary>How many calls of a kind had an outcome.</summary>
public sealed record SimulatedCallCount(SimulatedCallKind Kind, SimulatedOutcome Outcome, int Count);
