namespace ProvincePlatform.Persistence.Tests.Cluster;

/// <summary>A grain of the tests alone: a note kept in the PostgreSQL grain storage, and reminders.</summary>
[Alias("persistence-tests.INoteGrain")]
public interface INoteGrain : IGrainWithStringKey
{
    /// <summary>The note as this activation holds it.</summary>
    Task<string?> GetNoteAsync();

    /// <summary>Changes the note and writes the state.</summary>
    Task SetNoteAsync(string note);

    /// <summary>An id of this activation, different for each activation.</summary>
    Task<Guid> GetActivationAsync();

    /// <summary>Registers a reminder due in an hour, every hour.</summary>
    Task RemindAsync(string reminderName);

    /// <summary>Whether the grain has that reminder.</summary>
    Task<bool> HasReminderAsync(string reminderName);

    /// <summary>Unregisters that reminder.</summary>
    Task ForgetAsync(string reminderName);
}

[GenerateSerializer]
[Alias("persistence-tests.NoteState")]
public sealed class NoteState
{
    [Id(0)]
    public string? Note { get; set; }

    [Id(1)]
    public int Writes { get; set; }
}

public sealed class NoteGrain([PersistentState(NoteGrain.StateName, ClusterFixture.StorageName)] IPersistentState<NoteState> state)
    : Grain, INoteGrain, IRemindable
{
    public const string StateName = "note";

    private readonly Guid _activation = Guid.NewGuid();

    public Task<string?> GetNoteAsync() => Task.FromResult(state.State.Note);

    public async Task SetNoteAsync(string note)
    {
        state.State.Note = note;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public Task<Guid> GetActivationAsync() => Task.FromResult(_activation);

    public Task RemindAsync(string reminderName) =>
        this.RegisterOrUpdateReminder(reminderName, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasReminderAsync(string reminderName) => await this.GetReminder(reminderName) is not null;

    public async Task ForgetAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
