using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ProvincePlatform.Persistence.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class GrainStorageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_grain_reads_back_after_deactivation_what_it_wrote()
    {
        var grain = fixture.Client.GetGrain<INoteGrain>($"deactivated-{Guid.NewGuid():N}");
        await grain.SetNoteAsync("Hoi An help point opens at 7:30");
        var firstActivation = await grain.GetActivationAsync();

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal("Hoi An help point opens at 7:30", await grain.GetNoteAsync());
        Assert.NotEqual(firstActivation, await grain.GetActivationAsync());
        var row = Assert.Single(await StoredRowsAsync(grain.GetGrainId()));
        Assert.Equal(1, row.Version);
        Assert.Equal(fixture.Cluster.Options.ServiceId, row.ServiceId);
        Assert.Contains("Hoi An help point opens at 7:30", row.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_writers_of_one_state_conflict_with_InconsistentStateException()
    {
        var storage = Storage(ClusterFixture.StorageName);
        var grainId = GrainId.Create("note", $"two-writers-{Guid.NewGuid():N}");
        var first = await ReadAsync(storage, grainId);
        var second = await ReadAsync(storage, grainId);

        // Both saw no state: only one of them may create it.
        await WriteAsync(storage, grainId, first, "first");
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grainId, second, "second"));

        // Both saw version 1: only one of them may replace it.
        second = await ReadAsync(storage, grainId);
        await WriteAsync(storage, grainId, first, "first again");
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grainId, second, "second again"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(NoteGrain.StateName, grainId, second));

        Assert.Equal("first again", (await ReadAsync(storage, grainId)).State?.Note);
        Assert.Equal(2, Assert.Single(await StoredRowsAsync(grainId)).Version);
    }

    [Fact]
    public async Task Of_writers_creating_one_state_at_once_one_succeeds()
    {
        var storage = Storage(ClusterFixture.StorageName);
        var grainId = GrainId.Create("note", $"racing-writers-{Guid.NewGuid():N}");

        var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await WriteAsync(storage, grainId, new GrainState<NoteState>(new NoteState()), $"writer {i}");
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Single(writes, succeeded => succeeded);
        Assert.Equal(1, Assert.Single(await StoredRowsAsync(grainId)).Version);
    }

    [Fact]
    public async Task A_grain_whose_state_was_written_elsewhere_fails_its_write_and_then_sees_that_state()
    {
        var grain = fixture.Client.GetGrain<INoteGrain>($"written-elsewhere-{Guid.NewGuid():N}");
        await grain.SetNoteAsync("written by the grain");
        var storage = Storage(ClusterFixture.StorageName);
        var elsewhere = await ReadAsync(storage, grain.GetGrainId());
        await WriteAsync(storage, grain.GetGrainId(), elsewhere, "written elsewhere");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetNoteAsync("written by the grain again"));

        Assert.Equal("written elsewhere", await grain.GetNoteAsync());
    }

    [Fact]
    public async Task Clearing_keeps_the_row_without_payload_and_moves_the_version_on()
    {
        var storage = Storage(ClusterFixture.StorageName);
        var grainId = GrainId.Create("note", $"cleared-{Guid.NewGuid():N}");
        var state = await ReadAsync(storage, grainId);
        await WriteAsync(storage, grainId, state, "to be cleared");

        await storage.ClearStateAsync(NoteGrain.StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Equal("2", state.ETag);
        var reread = await ReadAsync(storage, grainId);
        Assert.False(reread.RecordExists);
        Assert.Null(reread.State?.Note);
        Assert.Equal("2", reread.ETag);
        var row = Assert.Single(await StoredRowsAsync(grainId));
        Assert.Equal((2, null), (row.Version, row.Payload));

        await WriteAsync(storage, grainId, reread, "written after clearing");
        Assert.Equal("3", reread.ETag);
    }

    [Fact]
    public async Task With_DeleteStateOnClear_clearing_deletes_the_row()
    {
        var storage = Storage(ClusterFixture.DeletingStorageName);
        var grainId = GrainId.Create("note", $"deleted-{Guid.NewGuid():N}");
        var state = await ReadAsync(storage, grainId);
        await WriteAsync(storage, grainId, state, "to be deleted");
        var stale = await ReadAsync(storage, grainId);
        await WriteAsync(storage, grainId, state, "changed");

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(NoteGrain.StateName, grainId, stale));
        await storage.ClearStateAsync(NoteGrain.StateName, grainId, state);

        Assert.Null(state.ETag);
        Assert.Empty(await StoredRowsAsync(grainId));
    }

    private IGrainStorage Storage(string name) => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(name);

    private static Task WriteAsync(IGrainStorage storage, GrainId grainId, GrainState<NoteState> state, string note)
    {
        state.State = new NoteState { Note = note };
        return storage.WriteStateAsync(NoteGrain.StateName, grainId, state);
    }

    private static async Task<GrainState<NoteState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<NoteState>(new NoteState());
        await storage.ReadStateAsync(NoteGrain.StateName, grainId, state);
        return state;
    }

    private async Task<IReadOnlyList<(string ServiceId, int Version, string? Payload)>> StoredRowsAsync(GrainId grainId)
    {
        var rows = new List<(string, int, string?)>();
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT service_id, version, payload_binary FROM orleans_storage WHERE grain_type = @type AND grain_id_extension = @key",
            connection);
        command.Parameters.AddWithValue("type", NoteGrain.StateName);
        command.Parameters.AddWithValue("key", grainId.Key.ToString()!);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = reader.IsDBNull(2) ? null : Encoding.UTF8.GetString((byte[])reader.GetValue(2));
            rows.Add((reader.GetString(0), reader.GetInt32(1), payload));
        }

        return rows;
    }
}
