using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Grains.Tests.HelpPoints;

/// <summary>The two kinds of help point of the Đại Thạnh model.</summary>
public static class TestHelpPoints
{
    public static readonly ImmutableArray<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static readonly ImmutableArray<DayOfWeek> EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    public static HelpPointDefinition VillageHouse(int computers = 6) => new(
        "Nhà văn hóa thôn Tây Sơn", HelpPointKind.VillageHouse, "Thôn Tây Sơn, xã Đại Thạnh", computers,
        [new OpeningPeriod(EveryDay, new(19, 0), new(20, 0))]);

    public static HelpPointDefinition CommuneOffice() => new(
        "Trụ sở Công an xã", HelpPointKind.CommuneOffice, "UBND xã Đại Thạnh", 3,
        [new OpeningPeriod(Weekdays, new(7, 30), new(11, 30)), new OpeningPeriod(Weekdays, new(13, 30), new(17, 0))]);
}
