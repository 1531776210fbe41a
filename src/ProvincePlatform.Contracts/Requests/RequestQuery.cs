using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Requests;

/// <summary>A page of a commune's requests, newest first, filtered by status and by local creation date.</summary>
[GenerateSerializer, Immutable, Alias("pp.RequestQuery")]
public sealed record RequestQuery(
    [property: Id(0)] RequestStatus? Status,
    [property: Id(1)] DateOnly? From,
    [property: Id(2)] DateOnly? To,
    [property: Id(3)] int Page,
    [property: Id(4)] int PageSize);

[GenerateSerializer, Immutable, Alias("pp.RequestPage")]
public sealed record RequestPage(
    [property: Id(0)] ImmutableArray<RequestSummary> Items,
    [property: Id(1)] int Total);
