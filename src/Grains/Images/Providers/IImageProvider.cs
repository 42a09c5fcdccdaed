namespace AiStudio.Images.Providers;

/// <summary>
/// An image model shaped like a remote asynchronous job: submit returns a task id at once, the caller records it and
/// polls. A recorded task id stays valid across a restart of the caller, so a job is re-attached, not submitted twice.
/// </summary>
public interface IImageProvider
{
    /// <summary>The provider's name, e.g. <c>local-ffmpeg</c>.</summary>
    string Name { get; }

    /// <summary>The model recorded in an image's <c>metadata.model</c>.</summary>
    string Model { get; }

    /// <summary>Uploads the inputs and queues the job; idempotent per <see cref="ImageJobRequest.JobKey"/> (same key, same task id, one job).</summary>
    Task<string> SubmitAsync(ImageJobRequest request, CancellationToken cancellationToken);

    Task<ImageJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Tells the provider the caller has kept the result (or given up): the job and its files may be deleted.</summary>
    Task ReleaseAsync(string taskId, CancellationToken cancellationToken);
}
