using AiStudio.Media;
using AiStudio.Media.Images;
using AiStudio.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Images.Providers;

/// <summary>
/// An image provider that does the work itself with FFmpeg but behaves like a remote job service: submitting copies
/// the inputs into the job's folder <c>{Storage:Root}/.provider/images/{taskId}/</c> (see <see cref="LocalJobFolders"/>),
/// and the job runs in the background, its FFmpeg run taking one of the silo's FFmpeg slots.
/// </summary>
public sealed class LocalFfmpegImageProvider : IImageProvider, IAsyncDisposable
{
    public const string ProviderName = "local-ffmpeg";
    public const string ModelName = "local-ffmpeg/image-v1";

    public const string AddNeedsGenerativeModelMessage =
        "Processing failed: the local provider cannot add objects; 'add' needs a generative model";

    public const string NoResultMessage = ProviderErrorMessages.NoResult;

    private const string TaskIdPrefix = "lfi_";
    private const string SourceFile = "source";
    private const string MaskFile = "mask.png";

    private readonly FfmpegRunner _ffmpeg;
    private readonly ILogger<LocalFfmpegImageProvider> _logger;
    private readonly LocalJobFolders _jobs;

    public LocalFfmpegImageProvider(FfmpegRunner ffmpeg, IOptions<LocalProviderOptions> options, ILogger<LocalFfmpegImageProvider> logger)
    {
        _ffmpeg = ffmpeg;
        _logger = logger;
        _jobs = new LocalJobFolders(
            options.Value.JobsDirectory("images"),
            [TaskIdPrefix],
            RunJobAsync,
            "Processing failed: the local provider hit an unexpected error",
            logger);
    }

    public string Name => ProviderName;

    public string ModelFor(ImageJobKind kind) => ModelName;

    /// <exception cref="ArgumentException">The request has no job key, no source, or is an inpaint without a mask.</exception>
    /// <exception cref="FileNotFoundException">The source or mask file does not exist.</exception>
    public Task<string> SubmitAsync(ImageJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.JobKey);
        ArgumentException.ThrowIfNullOrEmpty(request.SourcePath);
        if (request.Kind == ImageJobKind.InpaintRemove && string.IsNullOrEmpty(request.MaskPath))
        {
            throw new ArgumentException("An inpaint job needs a prepared mask.", nameof(request));
        }

        var record = new JobRecord(request.JobKey, request.Kind, request.Prompt, DateTimeOffset.UtcNow);
        return _jobs.SubmitAsync(LocalJobFolders.TaskIdFor(TaskIdPrefix, request.JobKey), record, (folder, _) => UploadAsync(request, folder), cancellationToken);
    }

    public Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken) => Task.FromResult(_jobs.GetStatus(taskId));

    public Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken) => Task.FromResult(_jobs.OpenResult(taskId));

    public Task CancelAsync(string taskId, CancellationToken cancellationToken) => _jobs.CancelAsync(taskId);

    public ValueTask DisposeAsync() => _jobs.DisposeAsync();

    private static Task UploadAsync(ImageJobRequest request, string folder)
    {
        File.Copy(request.SourcePath, Path.Combine(folder, SourceFile));
        if (request.MaskPath is not null)
        {
            File.Copy(request.MaskPath, Path.Combine(folder, MaskFile));
        }

        return Task.CompletedTask;
    }

    private async Task RunJobAsync(LocalJob job, CancellationToken cancellationToken)
    {
        var record = await job.ReadRequestAsync<JobRecord>(cancellationToken);
        _logger.LogInformation("Running image job {TaskId} ({Kind})", job.TaskId, record.Kind);
        var errorMessage = await ExecuteAsync(job, record.Kind, cancellationToken);
        if (errorMessage is not null)
        {
            await job.PublishFailureAsync(errorMessage);
        }

        // One line per finished run: the provider's record of work done (and paid for), which audits and drills count.
        _logger.LogInformation("Finished image job {TaskId}: {Outcome}", job.TaskId, errorMessage is null ? ProviderJobStatus.Succeeded : ProviderJobStatus.Failed);
    }

    /// <summary>Runs the job and publishes its result; answers the error message instead when it fails.</summary>
    private async Task<string?> ExecuteAsync(LocalJob job, ImageJobKind kind, CancellationToken cancellationToken)
    {
        if (kind == ImageJobKind.InpaintAdd)
        {
            return AddNeedsGenerativeModelMessage;
        }

        var sourcePath = Path.Combine(job.Directory, SourceFile);
        var source = await ImageSniffer.SniffFileAsync(sourcePath, cancellationToken);
        if (source is null)
        {
            return "Processing failed: the source is not a readable JPEG, PNG or WebP image";
        }

        var output = Path.Combine(job.WorkDirectory, "result.tmp");
        IEnumerable<string> arguments;
        if (kind == ImageJobKind.InpaintRemove)
        {
            var maskPath = Path.Combine(job.Directory, MaskFile);
            var mask = ImageSniffer.SniffPng(await File.ReadAllBytesAsync(maskPath, cancellationToken));
            if (mask is null || mask.Width != source.Width || mask.Height != source.Height)
            {
                return "Processing failed: the mask is not a PNG of the image's size";
            }

            arguments = ImageFilters.RemoveArguments(sourcePath, source, maskPath, MaskFile, output);
        }
        else
        {
            arguments = ImageFilters.EnhanceArguments(sourcePath, source, output);
        }

        try
        {
            await _ffmpeg.RunFfmpegAsync(arguments, workingDirectory: job.Directory, cancellationToken: cancellationToken);
        }
        catch (FfmpegException e)
        {
            _logger.LogWarning("FFmpeg failed on image job {TaskId}: {Message}\n{StandardError}", job.TaskId, e.Message, e.StandardError);
            return e.TimedOut
                ? "Processing failed: the image took too long to process"
                : "Processing failed: FFmpeg could not process the image";
        }

        var result = File.Exists(output) ? await ImageSniffer.SniffFileAsync(output, cancellationToken) : null;
        if (result is null || (result.Format, result.Width, result.Height) != (source.Format, source.Width, source.Height))
        {
            return NoResultMessage;
        }

        job.PublishResult(output, result.Extension);
        return null;
    }

    private sealed record JobRecord(string JobKey, ImageJobKind Kind, string Prompt, DateTimeOffset SubmittedAt);
}
