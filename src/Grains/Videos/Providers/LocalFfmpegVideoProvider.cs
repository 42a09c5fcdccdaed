using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiStudio.Media.Video;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos.Providers;

/// <summary>
/// A video "model" that runs on this silo with FFmpeg, behaving like a remote asynchronous API. Each task has a
/// directory <c>{Storage:Root}/.provider/videos/{taskId}/</c> holding its request, then its result or failure; the
/// task id is derived from the job key, so a repeated submit finds the same directory. Jobs run on a bounded pool
/// (<c>Media:MaxConcurrentJobs</c>), outside the caller. A process owns a job by holding an exclusive lock on its
/// claim file, which the operating system drops if the process dies: a job on disk that is neither finished nor
/// claimed was interrupted by a crash, and the next status request or submit for it queues it again.
/// </summary>
public sealed class LocalFfmpegVideoProvider : IVideoProvider, IAsyncDisposable, IDisposable
{
    private const string ClipPrefix = "clip-";
    private const string TransitionPrefix = "transition-";
    private const int TaskHashLength = 32;
    private const string RequestFile = "request.json";
    private const string ResultFile = "result.mp4";
    private const string FailureFile = "failure.txt";
    private const string ClaimFile = "claim";
    private const string WorkFolder = "work";

    private readonly VideoRenderer _renderer;
    private readonly VideoJobSlots _slots;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly string _jobsDirectory;
    private readonly Lock _attachGate = new();
    private readonly ConcurrentDictionary<string, LocalJob> _jobs = new();
    private readonly CancellationTokenSource _shutdown = new();

    internal LocalFfmpegVideoProvider(IOptions<VideoMediaOptions> options, VideoJobSlots slots, ILogger<LocalFfmpegVideoProvider> logger)
    {
        _renderer = new VideoRenderer(options.Value);
        _slots = slots;
        _logger = logger;
        _root = MediaPathGuard.NormalizeRoot(options.Value.StorageRoot);
        _jobsDirectory = options.Value.ProviderJobsDirectory;
        Directory.CreateDirectory(_jobsDirectory);
    }

    public string Name => "local-ffmpeg";

    public Task<string> SubmitClipAsync(ClipJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireJobKey(request.JobKey);
        if (!VideoRequestRules.IsClipDuration(request.DurationSeconds))
        {
            throw new ArgumentException(VideoRequestRules.ClipDurationRule, nameof(request));
        }

        RequireAspectRatio(request.AspectRatio);
        RequireExistingFile(request.SourceImagePath, "source image");
        return SubmitAsync(TaskIdFor(ClipPrefix, request.JobKey), new JobRecord(request, null), cancellationToken);
    }

    public Task<string> SubmitTransitionAsync(TransitionJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireJobKey(request.JobKey);
        RequireAspectRatio(request.AspectRatio);
        RequireExistingFile(request.FromClipPath, "first clip");
        RequireExistingFile(request.ToClipPath, "second clip");
        return SubmitAsync(TaskIdFor(TransitionPrefix, request.JobKey), new JobRecord(null, request), cancellationToken);
    }

    public Task<VideoJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(IsWellFormedTaskId(taskId) ? Attach(taskId) : VideoJobState.Failed(VideoProviderErrors.UnknownTask));
    }

    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }

        await _shutdown.CancelAsync();
        await Task.WhenAll(_jobs.Values.Select(job => job.Completion));
        _shutdown.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<string> SubmitAsync(string taskId, JobRecord record, CancellationToken cancellationToken)
    {
        var directory = JobDirectory(taskId);
        var requestPath = Path.Combine(directory, RequestFile);
        if (!File.Exists(requestPath))
        {
            Directory.CreateDirectory(directory);
            var temporary = Path.Combine(directory, $".{RequestFile}.{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(record), cancellationToken);

                // The first submit of a key wins; a concurrent or repeated one keeps its request as it is.
                File.Move(temporary, requestPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(requestPath))
            {
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        Attach(taskId);
        return taskId;
    }

    /// <summary>Reports a task's state, queueing it first when it is on disk, unfinished, and owned by no live process.</summary>
    private VideoJobState Attach(string taskId)
    {
        lock (_attachGate)
        {
            if (_jobs.TryGetValue(taskId, out var running))
            {
                return running.State;
            }

            var directory = JobDirectory(taskId);
            if (FinishedState(directory) is { } finished)
            {
                return finished;
            }

            if (!File.Exists(Path.Combine(directory, RequestFile)))
            {
                return VideoJobState.Failed(VideoProviderErrors.UnknownTask);
            }

            if (_shutdown.IsCancellationRequested || TryClaim(directory) is not { } claim)
            {
                return VideoJobState.Running;
            }

            // The previous owner may have finished between the first look and the claim.
            if (FinishedState(directory) is { } finishedMeanwhile)
            {
                claim.Dispose();
                return finishedMeanwhile;
            }

            var job = new LocalJob(taskId, directory, claim);
            _jobs[taskId] = job;
            job.Completion = Task.Run(() => RunAsync(job));
            return VideoJobState.Queued;
        }
    }

    private async Task RunAsync(LocalJob job)
    {
        var cancellationToken = _shutdown.Token;
        try
        {
            using var slot = await _slots.EnterAsync(cancellationToken);
            job.State = VideoJobState.Running;
            _logger.LogInformation("Rendering video task {TaskId}", job.TaskId);
            await ExecuteAsync(job, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Video task {TaskId} interrupted by shutdown; it resumes on its next status request", job.TaskId);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Video task {TaskId} failed", job.TaskId);
            await TryWriteFailureAsync(job.Directory, VideoProviderErrors.RenderingFailed);
        }
        finally
        {
            _jobs.TryRemove(job.TaskId, out _);
            job.Claim.Dispose();
        }
    }

    private async Task ExecuteAsync(LocalJob job, CancellationToken cancellationToken)
    {
        var record = JsonSerializer.Deserialize<JobRecord>(await File.ReadAllBytesAsync(Path.Combine(job.Directory, RequestFile), cancellationToken))
            ?? throw new InvalidDataException($"Video task {job.TaskId} has an empty request.");
        var work = Path.Combine(job.Directory, WorkFolder);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var output = Path.Combine(work, ResultFile);
        try
        {
            if (record.Clip is { } clip)
            {
                await _renderer.RenderClipAsync(clip.SourceImagePath, clip.DurationSeconds, VideoEncodingProfile.For(clip.AspectRatio), work, output, cancellationToken);
            }
            else if (record.Transition is { } transition)
            {
                await _renderer.RenderTransitionAsync(transition.FromClipPath, transition.ToClipPath, VideoEncodingProfile.For(transition.AspectRatio), output, cancellationToken);
            }
            else
            {
                throw new InvalidDataException($"Video task {job.TaskId} has neither a clip nor a transition.");
            }

            File.Move(output, Path.Combine(job.Directory, ResultFile));

            // One line per finished render: the provider's record of work done (and paid for), which audits and drills count.
            _logger.LogInformation("Rendered video task {TaskId}", job.TaskId);
        }
        catch (InvalidSourceImageException e)
        {
            _logger.LogWarning(e, "Video task {TaskId}: unusable source image", job.TaskId);
            await TryWriteFailureAsync(job.Directory, VideoProviderErrors.InvalidImageFormat);
        }
        catch (FfmpegRunException e)
        {
            _logger.LogError(e, "Video task {TaskId}: rendering failed", job.TaskId);
            await TryWriteFailureAsync(job.Directory, VideoProviderErrors.RenderingFailed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static VideoJobState? FinishedState(string directory)
    {
        var result = Path.Combine(directory, ResultFile);
        if (File.Exists(result))
        {
            return VideoJobState.Succeeded(result);
        }

        var failure = Path.Combine(directory, FailureFile);
        return File.Exists(failure) ? VideoJobState.Failed(File.ReadAllText(failure)) : null;
    }

    /// <summary>An exclusive lock on the job's claim file, or null when another live process (or job) holds it.</summary>
    private static FileStream? TryClaim(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, ClaimFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task TryWriteFailureAsync(string directory, string message)
    {
        var temporary = Path.Combine(directory, $".{FailureFile}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, message);
            File.Move(temporary, Path.Combine(directory, FailureFile), overwrite: true);
        }
        catch (IOException e)
        {
            _logger.LogError(e, "Could not record the failure of video task in {Directory}", directory);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string JobDirectory(string taskId) => Path.Combine(_jobsDirectory, taskId);

    private void RequireExistingFile(string path, string what)
    {
        MediaPathGuard.Require(path, _root, what);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The {what} '{path}' does not exist.");
        }
    }

    private static void RequireJobKey(string jobKey)
    {
        if (string.IsNullOrWhiteSpace(jobKey) || jobKey.Length > 512)
        {
            throw new ArgumentException("A job key is required (at most 512 characters).", nameof(jobKey));
        }
    }

    private static void RequireAspectRatio(string aspectRatio)
    {
        if (!VideoEncodingProfile.IsSupported(aspectRatio))
        {
            throw new ArgumentException($"Unsupported aspect ratio '{aspectRatio}'.", nameof(aspectRatio));
        }
    }

    private static string TaskIdFor(string prefix, string jobKey) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobKey)))[..TaskHashLength];

    private static bool IsWellFormedTaskId(string? taskId)
    {
        var hash = taskId switch
        {
            not null when taskId.StartsWith(ClipPrefix, StringComparison.Ordinal) => taskId[ClipPrefix.Length..],
            not null when taskId.StartsWith(TransitionPrefix, StringComparison.Ordinal) => taskId[TransitionPrefix.Length..],
            _ => null,
        };
        return hash is { Length: TaskHashLength } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }

    /// <summary>What is stored in a task's request file: exactly one of the two kinds of request.</summary>
    private sealed record JobRecord(ClipJobRequest? Clip, TransitionJobRequest? Transition);

    /// <summary>A task this process owns (it holds <see cref="Claim"/>) while it waits for a slot or renders.</summary>
    private sealed class LocalJob(string taskId, string directory, FileStream claim)
    {
        public string TaskId { get; } = taskId;

        public string Directory { get; } = directory;

        public FileStream Claim { get; } = claim;

        public VideoJobState State { get; set; } = VideoJobState.Queued;

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
