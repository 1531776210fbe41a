using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Contracts.Communes;

/// <summary>One commune (keyed by its five-digit official code): owns the list of its help points.</summary>
[Alias("pp.ICommuneGrain")]
public interface ICommuneGrain : IGrainWithStringKey
{
    /// <summary>Opens a new help point in this commune and returns it with its new id.</summary>
    [Alias("AddHelpPoint")]
    Task<HelpPointDetails> AddHelpPointAsync(HelpPointDefinition definition);

    /// <summary>Lists the commune's help points in the order they were opened.</summary>
    [Alias("GetHelpPoints")]
    Task<ImmutableArray<HelpPointDetails>> GetHelpPointsAsync();
}
