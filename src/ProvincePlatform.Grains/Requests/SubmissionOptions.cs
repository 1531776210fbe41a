namespace ProvincePlatform.Grains.Requests;

/// <summary>The <c>Submissions</c> configuration section: how hard and how often the platform talks to the portal.</summary>
public sealed class SubmissionOptions
{
    public const string SectionName = "Submissions";

    /// <summary>The wait after the first failed attempt; each further failure doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts before a filing the portal never answered is given up as <c>failed</c>.</summary>
    public int MaxAttempts { get; set; } = 40;

    /// <summary>How often a filed dossier's status is asked of the portal until it is final.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
