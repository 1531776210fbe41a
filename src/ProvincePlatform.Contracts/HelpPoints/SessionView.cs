namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>One opening slot of a help point on one local date, with its seats.</summary>
/// <param name="Id">The local start, <c>yyyy-MM-ddTHH:mm</c>.</param>
[GenerateSerializer, Immutable, Alias("pp.SessionView")]
public sealed record SessionView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int Confirmed,
    [property: Id(5)] int Waitlisted,
    [property: Id(6)] SessionStatus Status);
