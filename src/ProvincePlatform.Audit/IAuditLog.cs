namespace ProvincePlatform.Audit;

/// <summary>Where audit entries are kept. An entry is appended before the call it records is answered.</summary>
public interface IAuditLog
{
    /// <summary>Keeps the entry; completes once it is durable where the log is.</summary>
    /// <exception cref="AuditUnavailableException">The entry could not be kept.</exception>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
