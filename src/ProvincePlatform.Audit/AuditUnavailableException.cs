namespace ProvincePlatform.Audit;

/// <summary>The audit log could not keep or read entries now; the same call may be retried.</summary>
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
