using System.Globalization;

namespace ProvincePlatform.Host.Gateway;

/// <summary>Local dates in query strings, <c>yyyy-MM-dd</c> exactly.</summary>
public static class LocalDates
{
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>An optional date filter: null when absent; when malformed, an error naming the field.</summary>
    public static DateOnly? Read(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (TryParse(text, out var date))
        {
            return date;
        }

        errors[field] = ["Ngày dạng yyyy-MM-dd / A date as yyyy-MM-dd."];
        return null;
    }
}
