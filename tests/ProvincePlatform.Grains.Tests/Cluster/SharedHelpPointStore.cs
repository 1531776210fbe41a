using Orleans.Serialization;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>
/// The help point store of the test cluster: one table of rows for every silo, as the database is, over each silo's
/// own serializer; and the writes a test refuses through <see cref="SharedGrainStorage.Table.RefuseWrite"/> fail as
/// an outage would, so one switch covers grain state and help points alike.
/// </summary>
public sealed class SharedHelpPointStore(InMemoryHelpPointStore.Table rows, SharedGrainStorage.Table refusals, Serializer serializer) : IHelpPointStore
{
    private readonly InMemoryHelpPointStore _store = new(rows, serializer);

    public Task<StoredHelpPoint?> ReadAsync(string helpPointId) => _store.ReadAsync(helpPointId);

    public Task<int> WriteAsync(string helpPointId, HelpPointState state, int profileVersion, HelpPointChanges changes) =>
        refusals.RefuseWrite(state)
            ? throw new InvalidOperationException($"The test refused this write of help point {helpPointId}.")
            : _store.WriteAsync(helpPointId, state, profileVersion, changes);
}
