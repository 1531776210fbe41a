using Microsoft.Extensions.Time.Testing;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Portal.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    public static PortalDossier Dossier(string clientReference) => new(
        clientReference,
        "1.001234",
        "20314",
        new PortalApplicant("049201000123", "Nguyễn Thị Lan", "0905123456"),
        new Dictionary<string, string> { ["hoTen"] = "Nguyễn Thị Lan", ["lyDo"] = "Cấp lại" });

    public static IReadOnlyDictionary<string, string> SupplementForm { get; } =
        new Dictionary<string, string> { ["banSaoGiayKhaiSinh"] = "giay-khai-sinh.pdf" };

    /// <summary>A portal that never faults and never decides by chance unless told to.</summary>
    public static (PortalSimulation Simulation, FakeTimeProvider Clock) Portal(Action<PortalSimulationOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var options = new PortalSimulationOptions { RejectionRate = 0, SupplementRate = 0 };
        configure?.Invoke(options);
        return (new PortalSimulation(clock, options), clock);
    }
}
