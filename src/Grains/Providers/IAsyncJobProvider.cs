namespace AiStudio.Providers;

/// <summary>
/// A model behind a remote asynchronous job API, the shape every media provider has: a submit answers a task id at
/// once, the work runs at the provider, the caller records the id before it waits and then polls. Submits are
/// idempotent per job key: the same key again answers the same task (or, where the service has no idempotency key, the
/// provider finds it again), so a caller that crashed re-attaches by its recorded id, never paying twice.
/// </summary>
public interface IAsyncJobProvider<in TRequest>
{
    /// <summary>The provider's name, e.g. <c>local-ffmpeg</c>; it keys the cluster-wide provider limit.</summary>
    string Name { get; }

    /// <summary>Uploads what the job needs and queues it; answers the task id.</summary>
    /// <exception cref="ArgumentException">The request is not one the provider can take.</exception>
    Task<string> SubmitAsync(TRequest request, CancellationToken cancellationToken);

    /// <summary>The task's status; <see cref="ProviderJobStatus.Unknown"/> asks the caller to submit the job key again.</summary>
    /// <exception cref="ProviderUnavailableException">The provider did not answer; the caller asks again later.</exception>
    Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Opens the output of a task that <see cref="ProviderJobStatus.Succeeded"/>; the caller stores it, since results may expire.</summary>
    /// <exception cref="InvalidOperationException">The task has no result (unfinished, failed or forgotten); the message is worded for the end user.</exception>
    /// <exception cref="IOException">The result could not be read; the message is worded for the end user and keeps the provider's detail.</exception>
    Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the provider the caller wants nothing more of the task: an unfinished task is stopped, and the provider may
    /// drop what it keeps for it. Canceling a finished or unknown task is not an error.
    /// </summary>
    Task CancelAsync(string taskId, CancellationToken cancellationToken);
}
