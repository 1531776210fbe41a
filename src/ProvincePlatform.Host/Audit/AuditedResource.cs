namespace ProvincePlatform.Host.Audit;

/// <summary>
/// Set by a handler whose resource the route does not name (a citizen found by ID number), so that the audit entry
/// names it: never by personal data, always by an id of ours.
/// </summary>
public sealed record AuditedResource(string Id);

/// <summary>A response body that names the resource its call created, so that the audit entry can name it too.</summary>
public interface ICreatedResource
{
    string Id { get; }
}
