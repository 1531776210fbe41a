using System.Text.Json;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Host.Hosting;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>The template a rollout sends: a JSON file in the API's <c>template</c> shape, or the Đại Thạnh model.</summary>
public static class RolloutTemplateFile
{
    /// <summary>
    /// The model the province replicates, taken from the demo seed so that the seeded commune and the communes
    /// rolled out to without a template never drift apart: a commune office with its hours and computers, and as
    /// many village houses as Đại Thạnh has, each like its first.
    /// </summary>
    public static RolloutTemplate DaiThanhModel()
    {
        var model = DemoSeeder.HelpPoints().ToList();
        var office = model.First(helpPoint => helpPoint.Kind == HelpPointKind.CommuneOffice);
        var villageHouses = model.Where(helpPoint => helpPoint.Kind == HelpPointKind.VillageHouse).ToList();
        return new RolloutTemplate(
            new CommuneOfficeTemplate(office.Computers, HoursOf(office)),
            new VillageHousesTemplate(villageHouses.Count, villageHouses[0].Computers, HoursOf(villageHouses[0])));
    }

    /// <summary>The template in the file, or an error that names the file and where in it the problem is.</summary>
    public static (RolloutTemplate? Template, string? Error) Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"Không đọc được tệp mẫu {path}: {exception.Message} / Cannot read the template file {path}: {exception.Message}");
        }

        return Parse(json, path);
    }

    public static (RolloutTemplate? Template, string? Error) Parse(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RolloutTemplate>(json, RolloutJson.Strict) is { } template
                ? (template, null)
                : (null, $"Tệp mẫu {path} là null / The template file {path} holds null, not a template.");
        }
        catch (JsonException exception)
        {
            // The reader's line number counts from 0; people count from 1.
            var line = exception.LineNumber + 1;
            var at = exception.Path is { Length: > 0 } member ? $" ({member})" : string.Empty;
            return (null,
                $"Tệp mẫu {path} không hợp lệ ở dòng {line}{at} / The template file {path} is not valid at line {line}{at}: " +
                FirstSentence(exception.Message));
        }
    }

    private static List<OpeningHoursTemplate> HoursOf(HelpPointDefinition helpPoint) =>
        [.. helpPoint.OpeningHours.Select(period => new OpeningHoursTemplate([.. period.Days], period.Start, period.End, period.SlotMinutes))];

    /// <summary>The serializer's message without the path and position it appends, which the error already gives.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
