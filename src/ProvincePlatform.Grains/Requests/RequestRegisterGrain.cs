using System.Collections.Immutable;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Requests;

public sealed class RequestRegisterGrain(
    [PersistentState("requests", ProvinceStorage.Name)] IPersistentState<RequestRegisterState> state)
    : Grain, IRequestRegisterGrain
{
    // Built once per activation from the stored summaries, then kept in step with every change.
    private RequestTally? _tally;

    private RequestTally Tally => _tally ??= new RequestTally(state.State.Requests.Values);

    public async Task RecordAsync(RequestSummary summary)
    {
        var previous = state.State.Requests.GetValueOrDefault(summary.Id);
        if (previous == summary)
        {
            return;
        }

        // Built before the change, so the change is counted once: by the replacement below, not also by the build.
        var tally = Tally;
        state.State.Requests[summary.Id] = summary;
        await state.WriteOrDeactivateAsync(this);
        tally.Replace(previous, summary);
    }

    public Task<RequestPage> ListAsync(RequestQuery query)
    {
        var matching = state.State.Requests.Values
            .Where(request => query.Status is null || request.Status == query.Status)
            .Where(request => query.From is null || VietnamTime.DateOf(request.CreatedAt) >= query.From)
            .Where(request => query.To is null || VietnamTime.DateOf(request.CreatedAt) <= query.To)
            .OrderByDescending(request => request.CreatedAt)
            .ThenBy(request => request.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize);
        return Task.FromResult(new RequestPage([.. page], matching.Count));
    }

    public Task<ImmutableArray<RequestCount>> CountAsync(DateOnly from, DateOnly to) => Task.FromResult(Tally.Between(from, to));
}
