namespace AiStudio.Videos;

/// <summary>
/// The side of a clip grain that a clip run talks to. Each run carries the ID it gave itself; calls from a run the
/// grain has since replaced or stopped answer false (or null), so a stale run stops instead of racing the new one.
/// </summary>
[Alias("AiStudio.Videos.IVideoClipGeneration")]
public interface IVideoClipGeneration : IGrainWithStringKey
{
    /// <summary>Adopts the run and hands out the job; null when the clip is not generating.</summary>
    [Alias("Begin")]
    Task<VideoClipJob?> BeginAsync(Guid runId);

    /// <summary>Records the provider's task before the run waits on it; false when the run must stop.</summary>
    [Alias("RecordProviderTask")]
    Task<bool> RecordProviderTaskAsync(Guid runId, string providerTaskId);

    /// <summary>The provider accepted the recorded task: the clip timeout counts from the first such report. Returns the deadline, or null when the run must stop.</summary>
    [Alias("ProviderAccepted")]
    Task<DateTimeOffset?> ProviderAcceptedAsync(Guid runId);

    /// <summary>The provider queues the task at <paramref name="queuePosition"/> (0 = next), or no longer queues it (null); false when the run must stop.</summary>
    [Alias("ReportQueuePosition")]
    Task<bool> ReportQueuePositionAsync(Guid runId, int? queuePosition);

    /// <summary>Tells the grain the run is alive; false when the run must stop.</summary>
    [Alias("Heartbeat")]
    Task<bool> HeartbeatAsync(Guid runId);

    /// <summary>The clip's file is stored under <paramref name="clipKey"/>; false when the run was no longer wanted.</summary>
    [Alias("Complete")]
    Task<bool> CompleteAsync(Guid runId, string clipKey);

    /// <summary>The clip failed with <paramref name="errorMessage"/>; false when the run was no longer wanted.</summary>
    [Alias("Fail")]
    Task<bool> FailAsync(Guid runId, string errorMessage);

    /// <summary>
    /// The project no longer generates in project run <paramref name="run"/>, so the clip fails with the project's
    /// <paramref name="reason"/> instead of submitting. A clip that adopted a later run meanwhile starts a fresh run instead.
    /// </summary>
    [Alias("EndWithProject")]
    Task EndWithProjectAsync(Guid runId, int run, string reason);
}
