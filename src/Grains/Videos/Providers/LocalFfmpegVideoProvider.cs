using AiStudio.Media;
using AiStudio.Media.Video;
using AiStudio.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos.Providers;

/// <summary>
/// A video "model" that runs on this silo with FFmpeg, behaving like a remote asynchronous API. Each task has a folder
/// <c>{Storage:Root}/.provider/videos/{taskId}/</c> holding its request, then its result or failure (see
/// <see cref="LocalJobFolders"/>); the source files stay where they are under the media root. Jobs run in the
/// background, their FFmpeg runs taking the silo's FFmpeg slots.
/// </summary>
public sealed class LocalFfmpegVideoProvider : IVideoProvider, IAsyncDisposable
{
    public const string ProviderName = "local-ffmpeg";

    private const string ClipPrefix = "clip-";
    private const string TransitionPrefix = "transition-";

    private readonly VideoRenderer _renderer;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly LocalJobFolders _jobs;

    public LocalFfmpegVideoProvider(
        VideoRenderer renderer,
        IOptions<VideoMediaOptions> media,
        IOptions<LocalProviderOptions> options,
        ILogger<LocalFfmpegVideoProvider> logger)
    {
        _renderer = renderer;
        _logger = logger;
        _root = MediaPathGuard.NormalizeRoot(media.Value.StorageRoot);
        _jobs = new LocalJobFolders(options.Value.JobsDirectory("videos"), [ClipPrefix, TransitionPrefix], RunJobAsync, VideoProviderErrors.RenderingFailed, logger);
    }

    public string Name => ProviderName;

    /// <exception cref="ArgumentException">A bad job key, duration or aspect ratio, or an input that is not a file under the media root.</exception>
    public Task<string> SubmitAsync(VideoJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.JobKey) || request.JobKey.Length > 512)
        {
            throw new ArgumentException("A job key is required (at most 512 characters).", nameof(request));
        }

        if (!VideoEncodingProfile.IsSupported(request.AspectRatio))
        {
            throw new ArgumentException($"Unsupported aspect ratio '{request.AspectRatio}'.", nameof(request));
        }

        string prefix;
        JobRecord record;
        switch (request)
        {
            case ClipJobRequest clip:
                if (!VideoRequestRules.IsClipDuration(clip.DurationSeconds))
                {
                    throw new ArgumentException(VideoRequestRules.ClipDurationRule, nameof(request));
                }

                RequireExistingFile(clip.SourceImagePath, "source image");
                (prefix, record) = (ClipPrefix, new JobRecord(clip, null));
                break;
            case TransitionJobRequest transition:
                RequireExistingFile(transition.FromClipPath, "first clip");
                RequireExistingFile(transition.ToClipPath, "second clip");
                (prefix, record) = (TransitionPrefix, new JobRecord(null, transition));
                break;
            default:
                throw new ArgumentException($"The local provider does not make {request.GetType().Name}.", nameof(request));
        }

        return _jobs.SubmitAsync(LocalJobFolders.TaskIdFor(prefix, request.JobKey), record, (_, _) => Task.CompletedTask, cancellationToken);
    }

    public Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken) => Task.FromResult(_jobs.GetStatus(taskId));

    public Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken) => Task.FromResult(_jobs.OpenResult(taskId));

    public Task CancelAsync(string taskId, CancellationToken cancellationToken) => _jobs.CancelAsync(taskId);

    public ValueTask DisposeAsync() => _jobs.DisposeAsync();

    private async Task RunJobAsync(LocalJob job, CancellationToken cancellationToken)
    {
        var record = await job.ReadRequestAsync<JobRecord>(cancellationToken);
        _logger.LogInformation("Rendering video task {TaskId}", job.TaskId);
        var output = Path.Combine(job.WorkDirectory, "result.mp4");
        try
        {
            if (record.Clip is { } clip)
            {
                await _renderer.RenderClipAsync(clip.SourceImagePath, clip.DurationSeconds, VideoEncodingProfile.For(clip.AspectRatio), job.WorkDirectory, output, cancellationToken);
            }
            else if (record.Transition is { } transition)
            {
                await _renderer.RenderTransitionAsync(transition.FromClipPath, transition.ToClipPath, VideoEncodingProfile.For(transition.AspectRatio), output, cancellationToken);
            }
            else
            {
                throw new InvalidDataException($"Video task {job.TaskId} has neither a clip nor a transition.");
            }

            job.PublishResult(output, "mp4");

            // One line per finished render: the provider's record of work done (and paid for), which audits and drills count.
            _logger.LogInformation("Rendered video task {TaskId}", job.TaskId);
        }
        catch (InvalidSourceImageException e)
        {
            _logger.LogWarning(e, "Video task {TaskId}: unusable source image", job.TaskId);
            await job.PublishFailureAsync(VideoProviderErrors.InvalidImageFormat);
        }
        catch (FfmpegException e)
        {
            _logger.LogError(e, "Video task {TaskId}: rendering failed", job.TaskId);
            await job.PublishFailureAsync(VideoProviderErrors.RenderingFailed);
        }
    }

    private void RequireExistingFile(string path, string what)
    {
        MediaPathGuard.Require(path, _root, what);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The {what} '{path}' does not exist.");
        }
    }

    /// <summary>What is stored in a task's request file: exactly one of the two kinds of request.</summary>
    private sealed record JobRecord(ClipJobRequest? Clip, TransitionJobRequest? Transition);
}
