using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace ProvincePlatform.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives any one silo of an in-process cluster, as a database does: Orleans' memory storage
/// keeps state in grains, which a stopped silo takes with it. States are stored serialized, so an activation can
/// never see another's unsaved changes, and writes check ETags as real providers do. Each silo has its own
/// provider (with its own serializer) over the one table of rows.
/// </summary>
public sealed class SharedGrainStorage(SharedGrainStorage.Table rows, Serializer serializer) : IGrainStorage
{
    private readonly Table _rows = rows;

    public sealed class Table : ConcurrentDictionary<(string StateName, GrainId GrainId), (byte[] Payload, string ETag)>
    {
        /// <summary>Lets a test make the database refuse the writes of states it picks, as an outage would.</summary>
        public Func<object?, bool> RefuseWrite { get; set; } = _ => false;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Payload);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.RefuseWrite(grainState.State))
        {
            throw new InvalidOperationException($"The test refused this write of {stateName} of {grainId}.");
        }

        var key = (stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var payload = serializer.SerializeToArray(grainState.State);
        var stored = _rows.AddOrUpdate(
            key,
            _ => grainState.ETag is null ? (payload, etag) : throw Conflict(stateName, grainId),
            (_, current) => current.ETag == grainState.ETag ? (payload, etag) : throw Conflict(stateName, grainId));
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static InconsistentStateException Conflict(string stateName, GrainId grainId) =>
        new($"ETag mismatch writing {stateName} of {grainId}.");
}
