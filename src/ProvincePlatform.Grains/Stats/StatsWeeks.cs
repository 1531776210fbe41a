namespace ProvincePlatform.Grains.Stats;

/// <summary>The weeks of a date range, Monday to Sunday as Vietnamese calendars count them, clipped to the range.</summary>
public static class StatsWeeks
{
    public static IEnumerable<(DateOnly WeekStart, DateOnly From, DateOnly To)> Of(DateOnly from, DateOnly to)
    {
        var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7));
        for (var start = monday; start <= to; start = start.AddDays(7))
        {
            var end = start.AddDays(6);
            yield return (start, start < from ? from : start, end > to ? to : end);
        }
    }
}
