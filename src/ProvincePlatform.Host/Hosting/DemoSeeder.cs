using System.Collections.Immutable;
using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Host.Hosting;

/// <summary>
/// Seeds the model the province replicates: Xã Đại Thạnh (Huyện Đại Lộc) with its commune office and five village
/// cultural houses. Runs after the silo has started; seeds nothing twice.
/// </summary>
public sealed partial class DemoSeeder(IGrainFactory grains, CommuneDirectory directory, ILogger<DemoSeeder> logger) : IHostedService
{
    public const string SettingName = "Demo:Seed";
    public const string CommuneCode = "20527";

    private static readonly ImmutableArray<DayOfWeek> s_weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly ImmutableArray<DayOfWeek> s_everyDay = [.. Enum.GetValues<DayOfWeek>()];

    public static IEnumerable<HelpPointDefinition> HelpPoints()
    {
        yield return new HelpPointDefinition(
            "Trụ sở Công an xã Đại Thạnh", HelpPointKind.CommuneOffice, "UBND xã Đại Thạnh, huyện Đại Lộc, Quảng Nam", 3,
            [new OpeningPeriod(s_weekdays, new(7, 30), new(11, 30)), new OpeningPeriod(s_weekdays, new(13, 30), new(17, 0))]);
        for (var village = 1; village <= 5; village++)
        {
            yield return new HelpPointDefinition(
                $"Nhà văn hóa thôn {village}", HelpPointKind.VillageHouse, $"Thôn {village}, xã Đại Thạnh, huyện Đại Lộc, Quảng Nam", 6,
                [new OpeningPeriod(s_everyDay, new(19, 0), new(20, 0))]);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (directory.Find(CommuneCode) is null)
        {
            LogNotInRegister(logger, CommuneCode);
            return;
        }

        var commune = grains.GetGrain<ICommuneGrain>(CommuneCode);
        var existing = (await commune.GetHelpPointsAsync()).Select(helpPoint => helpPoint.Definition.Name).ToHashSet();
        var added = 0;
        foreach (var definition in HelpPoints().Where(definition => !existing.Contains(definition.Name)))
        {
            await commune.AddHelpPointAsync(definition);
            added++;
        }

        LogSeeded(logger, added, CommuneCode);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed skipped: commune {CommuneCode} is not in the loaded register")]
    private static partial void LogNotInRegister(ILogger logger, string communeCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: {Added} help point(s) added to commune {CommuneCode}")]
    private static partial void LogSeeded(ILogger logger, int added, string communeCode);
}
