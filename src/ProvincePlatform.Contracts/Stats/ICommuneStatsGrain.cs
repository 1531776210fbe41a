namespace ProvincePlatform.Contracts.Stats;

/// <summary>
/// The results of one commune (keyed by its code), kept as its help points report them, day by day, so that a read
/// adds up days rather than scanning bookings.
/// </summary>
[Alias("pp.ICommuneStatsGrain")]
public interface ICommuneStatsGrain : IGrainWithStringKey
{
    /// <summary>Takes a help point's report; older or repeated reports change nothing.</summary>
    [Alias("Report")]
    Task ReportAsync(HelpPointReport report);

    /// <summary>The commune's stats between two local dates, both included.</summary>
    [Alias("Get")]
    Task<StatsSlice> GetAsync(DateOnly from, DateOnly to);
}
