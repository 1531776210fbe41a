using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>Derives a help point's sessions from its recurring opening hours.</summary>
public sealed class OpeningSchedule(ImmutableArray<OpeningPeriod> periods)
{
    /// <summary>The sessions on one local date, in order of start.</summary>
    public IEnumerable<SessionSlot> SlotsOn(DateOnly date) =>
        periods.Where(period => period.Days.Contains(date.DayOfWeek))
            .SelectMany(period => Slice(date, period))
            .OrderBy(slot => slot.Start);

    /// <summary>The sessions between two local dates, both included, in order of start.</summary>
    public IEnumerable<SessionSlot> SlotsBetween(DateOnly from, DateOnly to)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            foreach (var slot in SlotsOn(date))
            {
                yield return slot;
            }
        }
    }

    /// <summary>The session that starts at the given local date and time, if the schedule has one.</summary>
    public SessionSlot? Find(DateOnly date, TimeOnly start) =>
        SlotsOn(date).Where(slot => slot.Start == start).Select(slot => (SessionSlot?)slot).FirstOrDefault();

    private static IEnumerable<SessionSlot> Slice(DateOnly date, OpeningPeriod period)
    {
        if (period.SlotMinutes is not { } minutes)
        {
            yield return new SessionSlot(date, period.Start, period.End);
            yield break;
        }

        var length = TimeSpan.FromMinutes(minutes);
        for (var start = period.Start; period.End - start >= length && start.Add(length) > start; start = start.Add(length))
        {
            yield return new SessionSlot(date, start, start.Add(length));
        }
    }
}
