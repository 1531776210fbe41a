namespace ProvincePlatform.Grains.Common;

/// <summary>
/// Local time of Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset
/// is exact and spares every machine from needing a time zone database.
/// </summary>
public static class VietnamTime
{
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(7);

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The local date on which an instant falls.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);
}
