using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Stats;

/// <summary>
/// The date range of a stats read: both ends local dates, included; by default the last twelve weeks. Years run from
/// 2000 to 9998, as the audit log's do: the weeks of a range reach past its ends, and at the ends of the calendar they
/// would overflow it.
/// </summary>
public static class StatsRange
{
    public const int MaxDays = 366;
    public const int DefaultDays = 12 * 7;
    public const int FirstYear = 2000;
    public const int LastYear = 9998;

    public static (DateOnly From, DateOnly To)? Read(string? from, string? to, DateOnly today, Dictionary<string, string[]> errors)
    {
        var end = InYears("to", LocalDates.Read("to", to, errors), errors) ?? today;
        var given = InYears("from", LocalDates.Read("from", from, errors), errors);
        if (errors.Count > 0)
        {
            return null;
        }

        // Counted back from an end that is known to be in range, so that it cannot leave the calendar.
        var start = given ?? end.AddDays(1 - DefaultDays);

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

    private static DateOnly? InYears(string field, DateOnly? date, Dictionary<string, string[]> errors)
    {
        if (date?.Year is < FirstYear or > LastYear)
        {
            errors[field] = [$"Năm từ {FirstYear} đến {LastYear} / A year from {FirstYear} to {LastYear}."];
            return null;
        }

        return date;
    }
}
