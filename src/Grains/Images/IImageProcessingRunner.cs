namespace AiStudio.Images;

/// <summary>Runs image processing outside grain turns; the grain decides when, the runner does the slow work and reports back.</summary>
public interface IImageProcessingRunner
{
    /// <summary>The name of the provider the runs use; it keys the provider's cluster-wide slots.</summary>
    string ProviderName { get; }

    /// <summary>Starts a run for the image in the background and returns at once.</summary>
    void Start(string imageId);

    /// <summary>Asks the provider, in the background, to cancel a task nobody will wait on; a failure is logged, not thrown.</summary>
    void CancelProviderTask(string taskId);
}
