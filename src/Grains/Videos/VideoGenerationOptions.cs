using AiStudio.Providers;

namespace AiStudio.Videos;

/// <summary>Bound from the <c>Videos</c> configuration section.</summary>
public sealed class VideoGenerationOptions
{
    /// <summary>Clips (and transitions) of one project that generate at once.</summary>
    public int MaxClipsInFlightPerProject { get; set; } = 3;

    /// <summary>A clip whose provider task has not finished this long after submission fails with a timeout.</summary>
    public TimeSpan ClipTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A compile not finished this long after the project started compiling fails.</summary>
    public TimeSpan CompileTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an unfinished clip or project checks that its work is alive (the reminder period).</summary>
    public TimeSpan ResumeCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run (clip or compile) not heard from for this long is replaced by a new one.</summary>
    public TimeSpan StaleRunAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How soon a clip run first asks the provider about its task (and tells its clip it is alive); later polls back off from it.</summary>
    public TimeSpan ProviderPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest a clip run waits between two polls while nothing changes (<see cref="ProviderPollSchedule"/>).</summary>
    public TimeSpan ProviderPollMaxInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A fresh poll schedule for one clip run; polls never lag so far that the run's heartbeats would look stale.</summary>
    public ProviderPollSchedule NewPollSchedule() =>
        new(ProviderPollInterval, TimeSpan.FromTicks(Math.Min(ProviderPollMaxInterval.Ticks, StaleRunAfter.Ticks / 3)));

    /// <summary>How often a compile run tells its project it is alive.</summary>
    public TimeSpan CompileHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
}
