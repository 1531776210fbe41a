using System.Globalization;

namespace ProvincePlatform.Host.Gateway;

/// <summary>Local dates in query strings, <c>yyyy-MM-dd</c> exactly.</summary>
public static class LocalDates
{
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
