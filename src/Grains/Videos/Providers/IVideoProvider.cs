namespace AiStudio.Videos.Providers;

/// <summary>
/// A video model shaped like a remote asynchronous API: a submit returns a task id at once, the work runs elsewhere,
/// and the caller polls <see cref="GetStatusAsync"/>. Submits are idempotent per job key: submitting the same key
/// again (after a crash, say) returns the same task id and re-attaches to its job, never starting a second one.
/// </summary>
public interface IVideoProvider
{
    /// <summary>The provider's name, e.g. "local-ffmpeg".</summary>
    string Name { get; }

    Task<string> SubmitClipAsync(ClipJobRequest request, CancellationToken cancellationToken);

    Task<string> SubmitTransitionAsync(TransitionJobRequest request, CancellationToken cancellationToken);

    Task<VideoJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken);
}
