using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Grains.Common;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state before any answer leaves the grain. A failed write leaves memory ahead of storage, so the
    /// activation is dropped (the next call starts again from what was stored) and the caller gets a
    /// <see cref="StorageUnavailableException"/> that crosses silos, instead of the driver's own exception.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception) when (exception is not StorageUnavailableException)
        {
            grain.DeactivateOnIdle();
            throw new StorageUnavailableException($"Grain state was not written ({exception.GetType().Name}); nothing was accepted.");
        }
    }
}
