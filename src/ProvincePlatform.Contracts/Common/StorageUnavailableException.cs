namespace ProvincePlatform.Contracts.Common;

/// <summary>
/// Grain state could not be written, so nothing was accepted. Raised in place of the database driver's exception,
/// which cannot cross silos (its types have no Orleans codec) and may carry more than the caller should see.
/// </summary>
[GenerateSerializer, Alias("pp.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
