using System.Globalization;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>Dates as the platform sees them: local dates in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).</summary>
public static class VietnamDates
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The contract's session id, <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public static string SessionId(DateOnly date, string start = "19:00") => $"{Text(date)}T{start}";
}
