namespace ProvincePlatform.Portal.Simulation;

/// <summary>
/// Another clock plus an offset that only grows: the simulator's days pass when an operator advances it, while
/// timers and time stamps keep real time.
/// </summary>
public sealed class AdjustableTimeProvider(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public AdjustableTimeProvider()
        : this(System)
    {
    }

    /// <summary>How far this clock is ahead of the one it follows.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => inner.GetTimestamp();
}
