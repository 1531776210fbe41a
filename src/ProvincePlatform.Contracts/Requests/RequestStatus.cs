namespace ProvincePlatform.Contracts.Requests;

/// <summary>Where a citizen request (a dossier) stands, from draft to the portal's final word.</summary>
[GenerateSerializer, Alias("pp.RequestStatus")]
public enum RequestStatus
{
    Draft,
    Submitting,
    Submitted,
    Processing,
    SupplementRequested,
    Completed,
    Rejected,
    Failed,
}
