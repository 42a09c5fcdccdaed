using System.Globalization;
using System.Text.Json.Nodes;
using AiStudio.Media;
using AiStudio.Media.Video;
using AiStudio.Providers;
using AiStudio.Providers.Fal;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos.Providers;

/// <summary>
/// Clips made by fal.ai models through fal's queue. A clip sends the source image, fitted to the project's aspect
/// ratio, to <c>Fal:Models:ImageToVideo</c> for 5 or 10 s; a transition sends the last frame of one clip and the first
/// of the next to <c>Fal:Models:Transition</c> as its start and end frames. The result is re-encoded into the project's
/// <see cref="VideoEncodingProfile"/>, whose aspect ratio the task id carries beside fal's URLs (<c>{ratio}@{fal task}</c>).
/// </summary>
public sealed class FalVideoProvider(FalQueueClient fal, IOptions<FalOptions> options, VideoStills stills, VideoRenderer renderer) : IVideoProvider
{
    public const string ProviderName = "fal";

    /// <summary>What a transition asks of the model; its shortest clip is 5 s.</summary>
    private const string TransitionPrompt = "A smooth, continuous camera move from the first frame into the last frame";
    private const string DefaultClipPrompt = "Gentle cinematic camera motion, natural movement";
    private const int TransitionSeconds = 5;

    public string Name => ProviderName;

    /// <exception cref="ArgumentException">A bad duration or aspect ratio, an unknown kind of request, or an input that is not a usable image or clip.</exception>
    /// <exception cref="FalRequestException">fal refused the upload or the submit.</exception>
    public async Task<string> SubmitAsync(VideoJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!VideoEncodingProfile.IsSupported(request.AspectRatio))
        {
            throw new ArgumentException($"Unsupported aspect ratio '{request.AspectRatio}'.", nameof(request));
        }

        var profile = VideoEncodingProfile.For(request.AspectRatio);
        var work = Directory.CreateTempSubdirectory("aistudio-fal-");
        try
        {
            var (model, input) = request switch
            {
                ClipJobRequest clip => (options.Value.Models.ImageToVideo, await ClipInputAsync(clip, profile, work.FullName, cancellationToken)),
                TransitionJobRequest transition => (options.Value.Models.Transition, await TransitionInputAsync(transition, profile, work.FullName, cancellationToken)),
                _ => throw new ArgumentException($"The fal provider does not make {request.GetType().Name}.", nameof(request)),
            };
            var task = await fal.SubmitAsync(model, input, request.JobKey, cancellationToken);
            return $"{request.AspectRatio}@{task.ToTaskId()}";
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken) =>
        Parse(taskId) is var (_, task) ? fal.GetStatusAsync(task, cancellationToken) : Task.FromResult(ProviderJobState.Unknown);

    /// <exception cref="IOException">The clip could not be downloaded, or is no video FFmpeg can re-encode.</exception>
    public async Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken)
    {
        var (profile, task) = Parse(taskId) ?? throw new InvalidOperationException($"'{taskId}' is no fal video task.");
        var output = await fal.DownloadOutputAsync(task, FalErrorMessages.VideoNotRetrieved, cancellationToken);
        var work = Directory.CreateTempSubdirectory("aistudio-fal-");
        try
        {
            var downloaded = Path.Combine(work.FullName, "model.mp4");
            var conformed = Path.Combine(work.FullName, "clip.mp4");
            await File.WriteAllBytesAsync(downloaded, output.Content, cancellationToken);
            try
            {
                await renderer.ConformClipAsync(downloaded, profile, conformed, cancellationToken);
            }
            catch (FfmpegException e)
            {
                throw new IOException($"{FalErrorMessages.VideoNotRetrieved}: the model's output is not a usable video", e);
            }

            return new ProviderResult(new MemoryStream(await File.ReadAllBytesAsync(conformed, cancellationToken), writable: false), ".mp4");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public Task CancelAsync(string taskId, CancellationToken cancellationToken) =>
        Parse(taskId) is var (_, task) ? fal.CancelAsync(task, cancellationToken) : Task.CompletedTask;

    private async Task<JsonObject> ClipInputAsync(ClipJobRequest clip, VideoEncodingProfile profile, string work, CancellationToken cancellationToken)
    {
        if (!VideoRequestRules.IsClipDuration(clip.DurationSeconds))
        {
            throw new ArgumentException(VideoRequestRules.ClipDurationRule, nameof(clip));
        }

        var still = Path.Combine(work, "start.png");
        try
        {
            await stills.FitImageAsync(clip.SourceImagePath, profile, still, cancellationToken);
        }
        catch (InvalidSourceImageException e)
        {
            throw new ArgumentException(VideoProviderErrors.InvalidImageFormat, nameof(clip), e);
        }

        return new JsonObject
        {
            ["prompt"] = string.IsNullOrWhiteSpace(clip.Prompt) ? DefaultClipPrompt : clip.Prompt,
            ["image_url"] = (await UploadAsync(still, cancellationToken)).AbsoluteUri,
            ["duration"] = clip.DurationSeconds.ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task<JsonObject> TransitionInputAsync(TransitionJobRequest transition, VideoEncodingProfile profile, string work, CancellationToken cancellationToken)
    {
        var start = Path.Combine(work, "start.png");
        var end = Path.Combine(work, "end.png");
        try
        {
            await stills.LastFrameAsync(transition.FromClipPath, profile, start, cancellationToken);
            await stills.FirstFrameAsync(transition.ToClipPath, profile, end, cancellationToken);
        }
        catch (FfmpegException e) when (!e.TimedOut)
        {
            throw new ArgumentException("The clips of the transition have no frame to start or end it with.", nameof(transition), e);
        }

        return new JsonObject
        {
            ["prompt"] = TransitionPrompt,
            ["image_url"] = (await UploadAsync(start, cancellationToken)).AbsoluteUri,
            ["tail_image_url"] = (await UploadAsync(end, cancellationToken)).AbsoluteUri,
            ["duration"] = TransitionSeconds.ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task<Uri> UploadAsync(string png, CancellationToken cancellationToken) =>
        await fal.UploadAsync(await File.ReadAllBytesAsync(png, cancellationToken), "image/png", Path.GetFileName(png), cancellationToken);

    /// <summary>The profile and fal task a task id names, or null when it names none.</summary>
    private (VideoEncodingProfile Profile, FalTask Task)? Parse(string taskId)
    {
        var separator = taskId.IndexOf('@', StringComparison.Ordinal);
        return separator > 0
            && VideoEncodingProfile.IsSupported(taskId[..separator])
            && FalTask.TryParse(taskId[(separator + 1)..], fal.QueueUrl) is { } task
            ? (VideoEncodingProfile.For(taskId[..separator]), task)
            : null;
    }
}
