using AiStudio.Providers;

namespace AiStudio.Images;

public sealed class ImageProcessingOptions
{
    /// <summary>How often an unfinished image checks that its processing is alive (the reminder period).</summary>
    public TimeSpan ResumeCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run not heard from for this long is replaced by a new one.</summary>
    public TimeSpan StaleRunAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Processing that has not finished this long after the provider accepted the job fails with a reason; waiting for a provider slot does not count.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How soon a run first asks the provider about its task; later polls back off from it (<see cref="ProviderPollSchedule"/>).</summary>
    public TimeSpan ProviderPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a run waits between two polls while nothing changes; a provider callback cuts any wait short.</summary>
    public TimeSpan ProviderPollMaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A fresh poll schedule for one run; polls never lag so far that the run's heartbeats would look stale.</summary>
    public ProviderPollSchedule NewPollSchedule() =>
        new(ProviderPollInterval, TimeSpan.FromTicks(Math.Min(ProviderPollMaxInterval.Ticks, StaleRunAfter.Ticks / 3)));
}
