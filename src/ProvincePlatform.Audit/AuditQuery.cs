namespace ProvincePlatform.Audit;

/// <summary>A page of the audit log, newest first, narrowed by any of the filters given.</summary>
/// <param name="From">Entries at or after this instant.</param>
/// <param name="Until">Entries before this instant.</param>
/// <param name="Page">From 1.</param>
public sealed record AuditQuery(
    DateTimeOffset? From,
    DateTimeOffset? Until,
    string? Client,
    string? CommuneCode,
    string? Resource,
    int Page,
    int PageSize)
{
    public bool Matches(AuditEntry entry) =>
        (From is null || entry.At >= From)
        && (Until is null || entry.At < Until)
        && (Client is null || entry.Client == Client)
        && (CommuneCode is null || entry.CommuneCode == CommuneCode)
        && (Resource is null || entry.Resource == Resource);
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long Total);
