using System.Collections.Immutable;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Stats;

namespace ProvincePlatform.Grains.Stats;

/// <summary>
/// Computes a commune's stats from what its help points reported day by day and from its request counts, and merges
/// communes' stats into a district's or the province's. The work grows with the days of the range and the help points,
/// never with the bookings.
/// </summary>
public static class StatsCalculator
{
    public static StatsSlice Slice(
        string communeCode, DateOnly from, DateOnly to, DateTimeOffset now,
        IReadOnlyDictionary<string, HelpPointRecord> helpPoints, IEnumerable<RequestCount> requests)
    {
        var requestsByDate = requests.ToLookup(count => count.Date);
        var weeks = StatsWeeks.Of(from, to).Select(week =>
        {
            var tally = new FiguresTally();
            foreach (var record in helpPoints.Values)
            {
                tally.AddSeatsOffered(record.SeatsOffered(week.From, week.To, now));
                for (var date = week.From; date <= week.To; date = date.AddDays(1))
                {
                    if (record.Days.TryGetValue(date, out var day))
                    {
                        tally.AddDay(day);
                    }
                }
            }

            for (var date = week.From; date <= week.To; date = date.AddDays(1))
            {
                foreach (var count in requestsByDate[date])
                {
                    tally.AddRequests(count);
                }
            }

            return new WeekSlice(week.WeekStart, week.From, week.To, tally.ToFigures(), [.. tally.Guided.Order()]);
        }).ToImmutableArray();

        var uses = helpPoints.OrderBy(pair => pair.Key, HelpPointOrder.Instance)
            .Where(pair => pair.Value.Definition is not null)
            .Select(pair => new HelpPointUse(
                pair.Key, pair.Value.Definition!.Name, pair.Value.Definition.Kind,
                pair.Value.SeatsOffered(from, to, now),
                pair.Value.Days.Where(day => day.Key >= from && day.Key <= to).Sum(day => day.Value.Figures.CheckIns + day.Value.Figures.WalkIns)));
        return new StatsSlice(communeCode, from, to, Sum(weeks), weeks, [.. uses]);
    }

    /// <summary>Merges slices week by week, so that a citizen guided in two communes, or two weeks, counts once.</summary>
    public static (StatsFigures Totals, ImmutableArray<WeekSlice> Weeks) Merge(DateOnly from, DateOnly to, IReadOnlyCollection<StatsSlice> slices)
    {
        var weeks = StatsWeeks.Of(from, to).Select((week, index) =>
        {
            var tally = new FiguresTally();
            foreach (var slice in slices)
            {
                tally.Add(slice.Weeks[index].Figures, slice.Weeks[index].Guided);
            }

            return new WeekSlice(week.WeekStart, week.From, week.To, tally.ToFigures(), [.. tally.Guided.Order()]);
        }).ToImmutableArray();
        return (Sum(weeks), weeks);
    }

    private static StatsFigures Sum(IEnumerable<WeekSlice> weeks)
    {
        var tally = new FiguresTally();
        foreach (var week in weeks)
        {
            tally.Add(week.Figures, week.Guided);
        }

        return tally.ToFigures();
    }

    /// <summary>Help points in the order their commune opened them: "20527-2" before "20527-10".</summary>
    private sealed class HelpPointOrder : IComparer<string>
    {
        public static HelpPointOrder Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            (x?.Length ?? 0).CompareTo(y?.Length ?? 0) is var byLength and not 0 ? byLength : string.CompareOrdinal(x, y);
    }
}
