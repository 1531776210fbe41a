using System.Collections.Immutable;
using Orleans.Concurrency;
using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Contracts.Requests;

/// <summary>
/// One citizen request (keyed by <c>{communeCode}-r{random}</c>) through its whole life, including its filing with
/// the National Public Service Portal exactly once, however often and however concurrently it is asked to submit.
/// </summary>
[Alias("pp.ICitizenRequestGrain")]
public interface ICitizenRequestGrain : IGrainWithStringKey
{
    /// <summary>Opens the request as a draft.</summary>
    [Alias("Create")]
    Task<Outcome<RequestView>> CreateAsync(NewRequest request);

    /// <summary>The request, or null when no request has this id. Answers even while a portal call is under way.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<RequestView?> GetAsync();

    /// <summary>Replaces the form, while the request is a draft or the portal asked for a supplement.</summary>
    [Alias("UpdateForm")]
    Task<Outcome<RequestView>> UpdateFormAsync(ImmutableDictionary<string, string> form);

    /// <summary>Queues the filing with the portal and returns at once; repeats change nothing.</summary>
    [Alias("Submit")]
    Task<Outcome<RequestView>> SubmitAsync(string? idempotencyKey);
}
