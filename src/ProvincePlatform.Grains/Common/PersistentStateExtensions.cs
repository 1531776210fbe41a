using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Grains.Common;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state before any answer leaves the grain. A failed write leaves memory ahead of storage, so the
    /// activation is dropped (the next call starts again from what was stored) and the caller gets a
    /// <see cref="StorageUnavailableException"/> that crosses silos, instead of the driver's own exception.
    /// </summary>
    public static Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainBase grain) =>
        grain.StoreOrDeactivateAsync(async () =>
        {
            await state.WriteStateAsync();
            return true;
        });

    /// <summary>The same for a grain that keeps its state in a store of its own; returns what the write returns.</summary>
    public static async Task<T> StoreOrDeactivateAsync<T>(this IGrainBase grain, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (StorageUnavailableException)
        {
            grain.DeactivateOnIdle();
            throw;
        }
        catch (Exception exception)
        {
            grain.DeactivateOnIdle();
            throw new StorageUnavailableException($"Grain state was not written ({exception.GetType().Name}); nothing was accepted.");
        }
    }
}
