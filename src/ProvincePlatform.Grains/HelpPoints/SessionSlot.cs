using System.Globalization;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>One session of a help point: a local date with a local start and end.</summary>
public readonly record struct SessionSlot(DateOnly Date, TimeOnly Start, TimeOnly End)
{
    private const string IdFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>The session id of the HTTP contract: the local start, <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public string Id => FormatId(Date, Start);

    public DateTimeOffset StartsAt => VietnamTime.ToInstant(Date, Start);

    public DateTimeOffset EndsAt => VietnamTime.ToInstant(Date, End);

    public static string FormatId(DateOnly date, TimeOnly start) =>
        date.ToDateTime(start).ToString(IdFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a session id; only the exact contract form is accepted, and only dates of this era: a start on
    /// 0001-01-01 at +07:00 would be an instant before any that can be expressed, and no schedule holds one.
    /// </summary>
    public static bool TryParseId(string? id, out DateOnly date, out TimeOnly start)
    {
        if (DateTime.TryParseExact(id, IdFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Year is >= 2000 and < 9999)
        {
            date = DateOnly.FromDateTime(local);
            start = TimeOnly.FromDateTime(local);
            return true;
        }

        (date, start) = (default, default);
        return false;
    }
}
