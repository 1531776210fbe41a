using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Tests.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Rollout;

public static class TestTemplates
{
    /// <summary>The Đại Thạnh model: the commune office and five village houses.</summary>
    public static RolloutTemplate DaiThanh { get; } = new(
        new HelpPointTemplate(1, 3, TestHelpPoints.CommuneOffice().OpeningHours),
        new HelpPointTemplate(5, 6, TestHelpPoints.VillageHouse().OpeningHours));
}
