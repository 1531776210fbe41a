namespace ProvincePlatform.Portal;

/// <summary>
/// The National Public Service Portal. Every call answers a <see cref="PortalResult{T}"/> instead of throwing, so
/// that the caller must decide, for each kind of failure, whether retrying is safe.
/// </summary>
public interface IPortalClient
{
    /// <summary>Files a new dossier. The portal does not deduplicate: calling twice files two dossiers.</summary>
    Task<PortalResult<PortalDossierState>> SubmitAsync(PortalDossier dossier, CancellationToken cancellationToken);

    /// <summary>
    /// The dossier filed with this client reference, or a null value when the portal holds none. When a submission
    /// was repeated the portal holds several, and this is the first filed; for a supplement's reference, it is the
    /// dossier that received that supplement.
    /// </summary>
    Task<PortalResult<PortalDossierState?>> FindByClientReferenceAsync(string clientReference, CancellationToken cancellationToken);

    /// <summary>The current state of a dossier by its receipt number.</summary>
    Task<PortalResult<PortalDossierState>> GetStatusAsync(string receipt, CancellationToken cancellationToken);

    /// <summary>Sends the supplement the portal asked for; the dossier returns to processing.</summary>
    Task<PortalResult<PortalDossierState>> SubmitSupplementAsync(
        string receipt, string clientReference, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken);
}
