namespace ProvincePlatform.Audit;

/// <summary>
/// One audited call: who (the client's name and role), what (the operation and method), which resource (its path or
/// id, never personal data), where (the commune), when, and how it ended (the HTTP status).
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Client,
    string Role,
    string Action,
    string Method,
    string Resource,
    string? CommuneCode,
    int Status,
    string? TraceId);
