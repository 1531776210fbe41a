namespace ProvincePlatform.Contracts.Requests;

/// <summary>One change of a request's status, with the portal's or the platform's note.</summary>
[GenerateSerializer, Immutable, Alias("pp.RequestHistoryEntry")]
public sealed record RequestHistoryEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] RequestStatus Status,
    [property: Id(2)] string? Note = null);
