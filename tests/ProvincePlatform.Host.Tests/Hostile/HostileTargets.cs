using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>
/// What hostile requests aim at. Real targets (a help point and a draft request the test opened, a session in the
/// help point's schedule) make every check before the one under attack pass, so that a value let through would
/// show as a 2xx instead of hiding behind a 404. Ghost targets are well formed but do not exist: a value that is
/// valid as text (a script fragment in a name) is sent to one, where it must still be read safely and then refused.
/// </summary>
public sealed record HostileTargets(string CommuneCode, string HelpPointId, string SessionId, string RequestId)
{
    /// <summary>A commune code in no register.</summary>
    public const string GhostCommuneCode = "99999";

    /// <summary>The canary citizen: personal data that no problem document may carry back.</summary>
    public const string CanaryFullName = "Hồ Thị Canary";

    public const string CanaryPhone = "0987654321";

    public string CanaryIdNumber { get; } = TestCitizens.NewIdNumber();

    public string GhostHelpPointId => $"{CommuneCode}-999999";

    public string GhostRequestId => $"{CommuneCode}-r000000000000";

    public string GhostBookingId => $"{CommuneCode}-999999-0000000000";

    /// <summary>The real value of a route parameter, or its ghost.</summary>
    public string ValueOf(string parameter, bool ghost = false) => parameter switch
    {
        "communeCode" => ghost ? GhostCommuneCode : CommuneCode,
        "helpPointId" => ghost ? GhostHelpPointId : HelpPointId,
        "sessionId" => SessionId,
        "requestId" => ghost ? GhostRequestId : RequestId,
        "bookingId" => GhostBookingId,
        _ => "0",
    };

    /// <summary>Whether a response text carries any of the canary's personal data.</summary>
    public bool Echoes(string text) =>
        text.Contains(CanaryIdNumber, StringComparison.Ordinal)
        || text.Contains(CanaryFullName, StringComparison.Ordinal)
        || text.Contains(CanaryPhone[1..], StringComparison.Ordinal);
}
