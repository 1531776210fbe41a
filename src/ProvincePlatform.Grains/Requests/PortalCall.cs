namespace ProvincePlatform.Grains.Requests;

[GenerateSerializer, Alias("pp.PortalCallKind")]
public enum PortalCallKind
{
    Submit,
    Supplement,
}

/// <summary>
/// The outbox: one filing the request owes the portal, stored with the request so that it survives a crash.
/// Until it succeeds it is retried, and every retry first asks the portal whether an earlier attempt landed.
/// </summary>
/// <param name="ClientReference">How the portal knows this filing: the request id, with <c>/s{n}</c> for the n-th supplement.</param>
/// <param name="Attempts">Attempts started so far, each counted before the portal is called; any of them that did
/// not succeed may still have landed.</param>
/// <param name="QueuedAt">When the filing was queued, for the age of the oldest pending filing that ops watch (null in
/// state written before it was recorded).</param>
[GenerateSerializer, Immutable, Alias("pp.PortalCall")]
public sealed record PortalCall(
    [property: Id(0)] PortalCallKind Kind,
    [property: Id(1)] string ClientReference,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset NextAttemptAt,
    [property: Id(4)] string? LastFailure = null,
    [property: Id(5)] DateTimeOffset? QueuedAt = null);
