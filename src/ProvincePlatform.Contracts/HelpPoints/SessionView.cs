namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>One opening slot of a help point on one local date, with its seats.</summary>
/// <param name="Id">The local start, <c>yyyy-MM-ddTHH:mm</c>.</param>
/// <param name="Bookable">Whether a booking can be made now: open, not started, and within the booking horizon.
/// A session under way stays <c>open</c> or <c>full</c> for walk-ins, but is no longer bookable.</param>
[GenerateSerializer, Immutable, Alias("pp.SessionView")]
public sealed record SessionView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int Confirmed,
    [property: Id(5)] int Waitlisted,
    [property: Id(6)] SessionStatus Status,
    [property: Id(7)] bool Bookable);
