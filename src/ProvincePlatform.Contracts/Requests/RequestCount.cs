namespace ProvincePlatform.Contracts.Requests;

/// <summary>How many of a commune's requests opened on one date are of one service and status, with or without guidance.</summary>
/// <param name="Guided">Whether the requests were opened for a booking, i.e. after guidance at a help point.</param>
[GenerateSerializer, Immutable, Alias("pp.RequestCount")]
public sealed record RequestCount(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string ServiceCode,
    [property: Id(2)] RequestStatus Status,
    [property: Id(3)] bool Guided,
    [property: Id(4)] int Count);
