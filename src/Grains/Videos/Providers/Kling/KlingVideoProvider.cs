using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using AiStudio.Media;
using AiStudio.Media.Video;
using AiStudio.Net;
using AiStudio.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AiStudio.Videos.Providers.Kling;

/// <summary>
/// Clips and transitions made by Kling's own image-to-video API. Every task carries the job key as its
/// <c>external_task_id</c>; pictures are sent as Base64 PNGs cropped to the project's aspect ratio (Kling's output
/// follows the input picture). A transition animates the last frame of one clip and, where the model takes an end
/// frame in the configured mode, ends on the first frame of the next (<c>image_tail</c>); elsewhere it starts there only.
/// A create refused for concurrency (1302, 1303) or left unanswered is kept here and tried again by later status
/// queries, which report it queued; after a restart the job key is unknown and the caller submits it again.
/// </summary>
public sealed class KlingVideoProvider : IVideoProvider, IDisposable
{
    public const string ProviderName = "kling";

    private const int MaxPromptLength = 2500;
    private const string TransitionSeconds = "5";
    private const string TransitionPrompt = "One smooth, continuous shot that carries the opening frame into the closing frame.";

    private static readonly string[] ModelsWithoutEndFrame = ["kling-v2-master", "kling-v2-1-master"];

    private readonly KlingApiClient _api;
    private readonly VideoStills _frames;
    private readonly KlingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly string _workDirectory;
    private readonly SafeHttpFetcher _fetcher;
    private readonly ResiliencePipeline _download;
    private readonly ConcurrentDictionary<string, DeferredCreate> _deferred = new();

    internal KlingVideoProvider(
        KlingApiClient api,
        VideoStills frames,
        IOptions<KlingOptions> options,
        IOptions<VideoMediaOptions> media,
        IOptions<SafeFetchOptions> fetch,
        TimeProvider time,
        ILogger<KlingVideoProvider> logger)
    {
        _api = api;
        _frames = frames;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _root = MediaPathGuard.NormalizeRoot(media.Value.StorageRoot);
        _workDirectory = media.Value.WorkDirectory;
        _fetcher = new SafeHttpFetcher(new SafeFetchOptions
        {
            AllowedHosts = fetch.Value.AllowedHosts,
            ConnectTimeout = fetch.Value.ConnectTimeout,
            MaxRedirects = fetch.Value.MaxRedirects,
            MaxResponseBytes = _options.MaxResultBytes,
            Timeout = _options.DownloadTimeout,
        });
        _download = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<FetchFailedException>(),
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public string Name => ProviderName;

    /// <summary>Answers Kling's task id, or the job key itself while the create waits for a free slot.</summary>
    /// <exception cref="ArgumentException">A bad job key, duration or aspect ratio, or an unusable input; the message is the user's.</exception>
    /// <exception cref="KlingApiException">Kling refused the task for good (content policy, balance, parameters).</exception>
    public async Task<string> SubmitAsync(VideoJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.JobKey) || request.JobKey.Length > 512)
        {
            throw new ArgumentException("A job key is required (at most 512 characters).");
        }

        if (!VideoEncodingProfile.IsSupported(request.AspectRatio))
        {
            throw new ArgumentException($"Unsupported aspect ratio '{request.AspectRatio}'.");
        }

        var task = await BuildTaskAsync(request, cancellationToken);
        return await SubmitOrDeferAsync(request.JobKey, task, failures: 0, cancellationToken);
    }

    public async Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken)
    {
        if (await _api.FindAsync(taskId, cancellationToken) is { } task)
        {
            _deferred.TryRemove(taskId, out _);
            return task.State;
        }

        if (!_deferred.TryGetValue(taskId, out var deferred))
        {
            return ProviderJobState.Unknown;
        }

        if (_time.GetUtcNow() < deferred.RetryAt)
        {
            return ProviderJobState.AwaitingAcceptance;
        }

        try
        {
            await SubmitOrDeferAsync(taskId, deferred.Task, deferred.Failures, cancellationToken);
            return _deferred.ContainsKey(taskId) ? ProviderJobState.AwaitingAcceptance : ProviderJobState.Queued;
        }
        catch (KlingApiException e)
        {
            _deferred.TryRemove(taskId, out _);
            return ProviderJobState.Failed(e.Message);
        }
    }

    /// <exception cref="InvalidOperationException">The task has not succeeded or names no video.</exception>
    /// <exception cref="IOException">The video could not be downloaded.</exception>
    public async Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken)
    {
        var task = await _api.FindAsync(taskId, cancellationToken);
        if (task is not { Status: KlingTask.Succeed, VideoUrl: { } url } || !Uri.TryCreate(url, UriKind.Absolute, out var location))
        {
            throw new InvalidOperationException($"Kling task {taskId} has no video to fetch.");
        }

        try
        {
            var video = await _download.ExecuteAsync(
                async (state, token) => await state.Fetcher.FetchAsync(state.Location, cancellationToken: token),
                (Fetcher: _fetcher, Location: location),
                cancellationToken);
            return new ProviderResult(new MemoryStream(video.Content, writable: false), ".mp4");
        }
        catch (Exception e) when (e is FetchFailedException or FetchRefusedException)
        {
            throw new IOException($"Couldn't retrieve the generated clip from Kling: {e.Message}", e);
        }
    }

    /// <summary>
    /// Kling's API has no cancel: a task it created runs to its end (and is charged). Only a create still waiting here
    /// is dropped, so it never reaches Kling.
    /// </summary>
    public Task CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        _deferred.TryRemove(taskId, out _);
        return Task.CompletedTask;
    }

    public void Dispose() => _fetcher.Dispose();

    /// <summary>
    /// The lost-submit rule: every create is preceded by a look-up of the job key as <c>external_task_id</c> (a query
    /// holds no slot and costs nothing), so a create whose answer was lost is found again, never paid for twice.
    /// </summary>
    private async Task<string> SubmitOrDeferAsync(string jobKey, JsonObject task, int failures, CancellationToken cancellationToken)
    {
        try
        {
            if (await _api.FindAsync(jobKey, cancellationToken) is { } existing)
            {
                _deferred.TryRemove(jobKey, out _);
                return existing.TaskId;
            }

            var created = await _api.CreateAsync(task, cancellationToken);
            _deferred.TryRemove(jobKey, out _);
            _logger.LogInformation("Kling created task {TaskId} for job {JobKey}", created.TaskId, jobKey);
            return created.TaskId;
        }
        catch (KlingApiException e) when (e.IsInvalidParameter)
        {
            // Kling refuses an external_task_id it already holds: a create that raced this one got through.
            if (await _api.FindAsync(jobKey, cancellationToken) is { } existing)
            {
                _deferred.TryRemove(jobKey, out _);
                return existing.TaskId;
            }

            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or KlingApiException { IsTransient: true })
        {
            var retryIn = RetryDelay(failures + 1);
            _deferred[jobKey] = new DeferredCreate(task, failures + 1, _time.GetUtcNow() + retryIn);
            _logger.LogWarning("Kling did not take job {JobKey} ({Reason}); trying again in {Delay}", jobKey, e.Message, retryIn);
            return jobKey;
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var exponential = _options.SubmitRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = exponential < _options.MaxSubmitRetryDelay ? exponential : _options.MaxSubmitRetryDelay;

        // Jitter spreads the retries of jobs that were refused together.
        return capped * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }

    private async Task<JsonObject> BuildTaskAsync(VideoJobRequest request, CancellationToken cancellationToken)
    {
        var profile = VideoEncodingProfile.For(request.AspectRatio);
        var work = Directory.CreateDirectory(Path.Combine(_workDirectory, "kling-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var task = new JsonObject
            {
                ["model_name"] = _options.ModelName,
                ["mode"] = _options.Mode,
                ["external_task_id"] = request.JobKey,
            };
            if (_options.CallbackBaseUrl is { } callbackBase)
            {
                task["callback_url"] = ProviderCallbackLinks.For(callbackBase, ProviderCallbackLinks.KlingRoute, request.JobKey).AbsoluteUri;
            }

            switch (request)
            {
                case ClipJobRequest clip:
                    if (!VideoRequestRules.IsClipDuration(clip.DurationSeconds))
                    {
                        throw new ArgumentException(VideoRequestRules.ClipDurationRule);
                    }

                    RequireFile(clip.SourceImagePath, "source image");
                    task["image"] = await EncodeAsync(Path.Combine(work, "image.png"), path => _frames.FitImageAsync(clip.SourceImagePath, profile, path, cancellationToken));
                    task["duration"] = clip.DurationSeconds.ToString(CultureInfo.InvariantCulture);
                    if (!string.IsNullOrWhiteSpace(clip.Prompt))
                    {
                        task["prompt"] = clip.Prompt.Length > MaxPromptLength ? clip.Prompt[..MaxPromptLength] : clip.Prompt;
                    }

                    break;
                case TransitionJobRequest transition:
                    RequireFile(transition.FromClipPath, "first clip");
                    RequireFile(transition.ToClipPath, "second clip");
                    task["image"] = await EncodeAsync(Path.Combine(work, "start.png"), path => _frames.LastFrameAsync(transition.FromClipPath, profile, path, cancellationToken));
                    if (TakesEndFrame)
                    {
                        task["image_tail"] = await EncodeAsync(Path.Combine(work, "end.png"), path => _frames.FirstFrameAsync(transition.ToClipPath, profile, path, cancellationToken));
                    }

                    task["duration"] = TransitionSeconds;
                    task["prompt"] = TransitionPrompt;
                    break;
                default:
                    throw new ArgumentException($"Kling does not make {request.GetType().Name}.");
            }

            return task;
        }
        catch (InvalidSourceImageException e)
        {
            throw new ArgumentException(VideoProviderErrors.InvalidImageFormat, e);
        }
        catch (FfmpegException e)
        {
            throw new ArgumentException(VideoProviderErrors.RenderingFailed, e);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Kling's end frame (capability map): pro mode on every model but the masters; kling-v1 in std mode too.</summary>
    private bool TakesEndFrame =>
        (_options.Mode == "pro" && !ModelsWithoutEndFrame.Contains(_options.ModelName)) || _options.ModelName == "kling-v1";

    /// <summary>Writes a still with <paramref name="save"/> and answers it as Kling takes pictures: raw Base64, no <c>data:</c> prefix.</summary>
    private static async Task<string> EncodeAsync(string path, Func<string, Task> save)
    {
        await save(path);
        return Convert.ToBase64String(await File.ReadAllBytesAsync(path));
    }

    private void RequireFile(string path, string what)
    {
        MediaPathGuard.Require(path, _root, what);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The {what} '{path}' does not exist.");
        }
    }

    /// <summary>A create that waits here for its next try, from <see cref="RetryAt"/> on.</summary>
    private sealed record DeferredCreate(JsonObject Task, int Failures, DateTimeOffset RetryAt);
}
