namespace AiStudio.Images;

/// <summary>
/// The side of an image grain that a processing run talks to. Each run carries the ID the grain gave it; calls from a
/// run the grain has since replaced answer false (or are ignored), so a stale run stops instead of racing the new one.
/// </summary>
[Alias("AiStudio.Images.IImageProcessing")]
public interface IImageProcessing : IGrainWithStringKey
{
    /// <summary>Moves pending -> processing (or adopts the processing already under way) and hands out the job; null when there is nothing to do.</summary>
    [Alias("BeginProcessing")]
    Task<ImageJob?> BeginProcessingAsync(Guid runId);

    [Alias("ReportStep")]
    Task<bool> ReportStepAsync(Guid runId, ImageStep step);

    /// <summary>
    /// Takes (or renews) one of the provider's cluster-wide slots before the run submits; a run resuming a recorded task
    /// always gets one, so that the count stays true.
    /// </summary>
    [Alias("TakeProviderSlot")]
    Task<ProviderSlotAnswer> TakeProviderSlotAsync(Guid runId);

    /// <summary>
    /// Records the provider's task ID before the run waits on it, so a resumed run re-attaches instead of submitting
    /// again; the processing time-out counts from the first one. False when the run is over: the image then has the task
    /// canceled unless it is the very task the image already waits on.
    /// </summary>
    [Alias("RecordProviderTask")]
    Task<bool> RecordProviderTaskAsync(Guid runId, string providerTaskId);

    /// <summary>Where the provider queues the task (null once it runs); a change is shown on the image and published as a step.</summary>
    [Alias("ReportQueuePosition")]
    Task<bool> ReportQueuePositionAsync(Guid runId, int? queuePosition);

    /// <summary>Tells the grain the run is alive (and renews its provider slot); false when the run should stop.</summary>
    [Alias("Heartbeat")]
    Task<bool> HeartbeatAsync(Guid runId);

    /// <summary>
    /// Records the result and its cost (the provider's when it reported one, else the price table); false when this run
    /// was replaced, so the run must leave the provider's task to the new one.
    /// </summary>
    [Alias("Complete")]
    Task<bool> CompleteAsync(Guid runId, string resultImageKey, string model, int? providerCostCents);

    [Alias("Fail")]
    Task FailAsync(Guid runId, string errorMessage);
}
