using System.Collections.Concurrent;
using System.Collections.Immutable;
using ProvincePlatform.Contracts.Citizens;

namespace ProvincePlatform.Grains.Citizens;

/// <summary>The citizen index of the embedded default (one silo, nothing kept across restarts) and of the tests.</summary>
public sealed class InMemoryCitizenIndex : ICitizenIndex
{
    private static readonly CitizenFootprint s_none = new([], []);

    private readonly ConcurrentDictionary<string, CitizenFootprint> _footprints = new(StringComparer.Ordinal);

    public Task AddAsync(string citizenKey, CitizenResource kind, string id)
    {
        _footprints.AddOrUpdate(citizenKey, _ => With(s_none, kind, id), (_, footprint) => With(footprint, kind, id));
        return Task.CompletedTask;
    }

    public Task<CitizenFootprint> FindAsync(string citizenKey) => Task.FromResult(_footprints.GetValueOrDefault(citizenKey, s_none));

    private static CitizenFootprint With(CitizenFootprint footprint, CitizenResource kind, string id) => kind switch
    {
        CitizenResource.Booking => footprint with { BookingIds = Added(footprint.BookingIds, id) },
        _ => footprint with { RequestIds = Added(footprint.RequestIds, id) },
    };

    private static ImmutableArray<string> Added(ImmutableArray<string> ids, string id) => ids.Contains(id) ? ids : ids.Add(id);
}
