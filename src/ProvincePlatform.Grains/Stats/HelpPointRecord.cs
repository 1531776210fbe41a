using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Stats;

/// <summary>
/// What a commune's stats keep of one help point: its figures day by day, and the definitions it had over time with
/// its closures, from which the seats it offered are counted. Members are only ever added, with new ids.
/// </summary>
[GenerateSerializer, Alias("pp.HelpPointRecord")]
public sealed class HelpPointRecord
{
    /// <summary>The sequence number of the last report taken.</summary>
    [Id(0)]
    public long Sequence { get; set; } = -1;

    /// <summary>Each definition with the local date from which it held, oldest first.</summary>
    [Id(1)]
    public List<DatedDefinition> Definitions { get; set; } = [];

    /// <summary>Every date the help point was closed. Kept for good: the help point forgets its old closures.</summary>
    [Id(2)]
    public HashSet<DateOnly> Closures { get; set; } = [];

    [Id(3)]
    public Dictionary<DateOnly, HelpPointDay> Days { get; set; } = [];

    [Id(4)]
    public DateOnly OpenedOn { get; set; }

    public HelpPointDefinition? Definition => Definitions.Count == 0 ? null : Definitions[^1].Definition;

    /// <summary>Takes a report unless a newer one was already taken; returns whether anything was taken.</summary>
    public bool Apply(HelpPointReport report)
    {
        if (report.Sequence < Sequence)
        {
            return false;
        }

        Sequence = report.Sequence;
        foreach (var day in report.Days)
        {
            Days[day.Date] = day;
        }

        if (report.Profile is { } profile)
        {
            OpenedOn = profile.OpenedOn;
            Closures.UnionWith(profile.Closures);
            ApplyDefinition(profile.Definition, Definitions.Count == 0 ? profile.OpenedOn : profile.DefinitionSince);
        }

        return true;
    }

    /// <summary>Computers × sessions that have ended by <paramref name="now"/>, on dates the help point was open.</summary>
    public int SeatsOffered(DateOnly from, DateOnly to, DateTimeOffset now)
    {
        var last = VietnamTime.DateOf(now) < to ? VietnamTime.DateOf(now) : to;
        var seats = 0;
        for (var date = from < OpenedOn ? OpenedOn : from; date <= last; date = date.AddDays(1))
        {
            if (!Closures.Contains(date) && DefinitionOn(date) is { } definition)
            {
                seats += definition.Computers
                    * new OpeningSchedule(definition.OpeningHours).SlotsOn(date).Count(slot => slot.EndsAt <= now);
            }
        }

        return seats;
    }

    private HelpPointDefinition? DefinitionOn(DateOnly date) =>
        Definitions.LastOrDefault(dated => dated.From <= date)?.Definition;

    // A change of name or address changes no seat; one of computers or hours holds from the day it was made.
    private void ApplyDefinition(HelpPointDefinition definition, DateOnly from)
    {
        if (Definitions.Count > 0 && OffersSameSeats(Definitions[^1].Definition, definition))
        {
            Definitions[^1] = Definitions[^1] with { Definition = definition };
        }
        else if (Definitions.Count > 0 && Definitions[^1].From >= from)
        {
            Definitions[^1] = new DatedDefinition(Definitions[^1].From, definition);
        }
        else
        {
            Definitions.Add(new DatedDefinition(from, definition));
        }
    }

    private static bool OffersSameSeats(HelpPointDefinition a, HelpPointDefinition b) =>
        a.Computers == b.Computers
        && a.OpeningHours.Length == b.OpeningHours.Length
        && a.OpeningHours.Zip(b.OpeningHours).All(pair =>
            pair.First.Start == pair.Second.Start && pair.First.End == pair.Second.End
            && pair.First.SlotMinutes == pair.Second.SlotMinutes && pair.First.Days.SequenceEqual(pair.Second.Days));
}

/// <summary>A help point definition and the local date from which it held.</summary>
[GenerateSerializer, Immutable, Alias("pp.DatedDefinition")]
public sealed record DatedDefinition(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] HelpPointDefinition Definition);
