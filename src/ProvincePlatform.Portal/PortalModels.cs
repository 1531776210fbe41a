namespace ProvincePlatform.Portal;

/// <summary>A dossier as filed with the portal.</summary>
/// <param name="ClientReference">Our reference for the filing, by which the portal can be asked whether it holds it.</param>
public sealed record PortalDossier(
    string ClientReference,
    string ServiceCode,
    string CommuneCode,
    PortalApplicant Applicant,
    IReadOnlyDictionary<string, string> Form)
{
    public override string ToString() => $"PortalDossier {{ ClientReference = {ClientReference}, ServiceCode = {ServiceCode} }}";
}

/// <summary>The applicant of a dossier. Personal data: <see cref="ToString"/> withholds it.</summary>
public sealed record PortalApplicant(string IdNumber, string FullName, string Phone)
{
    public override string ToString() => "PortalApplicant { (personal data withheld) }";
}

public enum PortalDossierStatus
{
    Received,
    Processing,
    SupplementRequested,
    Completed,
    Rejected,
}

/// <summary>What the portal says of a dossier.</summary>
/// <param name="Receipt">The receipt number (mã hồ sơ) the portal gave it.</param>
/// <param name="Note">The portal's note on the latest status, for example what supplement it wants or why it rejected.</param>
/// <param name="SupplementCount">How many supplements the portal has received for it.</param>
public sealed record PortalDossierState(
    string Receipt,
    string ClientReference,
    PortalDossierStatus Status,
    string? Note,
    DateTimeOffset UpdatedAt,
    int SupplementCount = 0);

public enum PortalOutcome
{
    /// <summary>The portal answered and did what was asked.</summary>
    Succeeded,

    /// <summary>The portal refused for good (a 4xx other than 429); retrying cannot help.</summary>
    Refused,

    /// <summary>The portal did not do it (5xx before any effect, 429, circuit open); retrying later is safe.</summary>
    Transient,

    /// <summary>No answer (time-out, connection lost): the portal may or may not have done it.</summary>
    Ambiguous,
}

/// <summary>The answer of one portal call.</summary>
public sealed record PortalResult<T>(PortalOutcome Outcome, T? Value, string? Reason)
{
    /// <summary>How long the portal asked us to wait before calling again (its <c>Retry-After</c>), when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

public static class PortalResult
{
    public static PortalResult<T> Success<T>(T value) => new(PortalOutcome.Succeeded, value, null);

    public static PortalResult<T> Failure<T>(PortalOutcome outcome, string reason) => new(outcome, default, reason);
}
