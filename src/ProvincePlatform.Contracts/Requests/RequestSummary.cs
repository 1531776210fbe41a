namespace ProvincePlatform.Contracts.Requests;

/// <summary>What a listing shows of a request: no personal data, no form.</summary>
[GenerateSerializer, Immutable, Alias("pp.RequestSummary")]
public sealed record RequestSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommuneCode,
    [property: Id(2)] string ServiceCode,
    [property: Id(3)] RequestStatus Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] string? BookingId);
