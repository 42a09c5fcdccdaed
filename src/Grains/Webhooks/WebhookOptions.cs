namespace AiStudio.Webhooks;

/// <summary>Bound from the <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>No attempt starts after this long since the event; the API promises at least an hour.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(3);

    /// <summary>One POST, connection included; a slower receiver counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The reminder period that brings a delivery back after a restart; waits shorter than it run on a timer.</summary>
    public TimeSpan ResumeCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryDelayAfter(int failedAttempts)
    {
        var delay = InitialRetryDelay * Math.Pow(2, Math.Min(Math.Max(failedAttempts - 1, 0), 30));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
