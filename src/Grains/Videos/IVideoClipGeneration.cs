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

    /// <summary>Records the provider's task before the run waits on it; returns the deadline, or null when the run must stop.</summary>
    [Alias("RecordProviderTask")]
    Task<DateTimeOffset?> RecordProviderTaskAsync(Guid runId, string providerTaskId);

    /// <summary>Tells the grain the run is alive; false when the run must stop.</summary>
    [Alias("Heartbeat")]
    Task<bool> HeartbeatAsync(Guid runId);

    /// <summary>The clip's file is stored under <paramref name="clipKey"/>; false when the run was no longer wanted.</summary>
    [Alias("Complete")]
    Task<bool> CompleteAsync(Guid runId, string clipKey);

    [Alias("Fail")]
    Task FailAsync(Guid runId, string errorMessage);
}
