using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Requests;

/// <summary>The index of one commune's requests (keyed by commune code), kept current by the requests themselves.</summary>
[Alias("pp.IRequestRegisterGrain")]
public interface IRequestRegisterGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates a request's summary.</summary>
    [Alias("Record")]
    Task RecordAsync(RequestSummary summary);

    /// <summary>A page of the commune's requests.</summary>
    [Alias("List")]
    Task<RequestPage> ListAsync(RequestQuery query);

    /// <summary>The commune's requests opened between two local dates, counted by date, service, status and guidance.</summary>
    [Alias("Count")]
    Task<ImmutableArray<RequestCount>> CountAsync(DateOnly from, DateOnly to);
}
