using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Stats;

/// <summary>The date range of a stats read: both ends local dates, included; by default the last twelve weeks.</summary>
public static class StatsRange
{
    public const int MaxDays = 366;
    public const int DefaultDays = 12 * 7;

    public static (DateOnly From, DateOnly To)? Read(string? from, string? to, DateOnly today, Dictionary<string, string[]> errors)
    {
        var end = LocalDates.Read("to", to, errors) ?? today;
        var start = LocalDates.Read("from", from, errors) ?? end.AddDays(1 - DefaultDays);
        if (errors.Count > 0)
        {
            return null;
        }

        if (start > end)
        {
            errors["to"] = ["Phải từ ngày 'from' trở đi / Must not be before 'from'."];
        }
        else if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            errors["to"] = [$"Tối đa {MaxDays} ngày / At most {MaxDays} days."];
        }

        return errors.Count == 0 ? (start, end) : null;
    }
}
