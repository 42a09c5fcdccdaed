using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using AiStudio.Media;
using AiStudio.Media.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Images.Providers;

/// <summary>
/// An image provider that does the work itself with FFmpeg, but behaves like a remote job service. Submitting copies
/// the inputs into the job's own directory <c>{Storage:Root}/.provider/images/{taskId}/</c> and queues it on this
/// process's worker pool; the directory is the job's durable record, so whichever process asks for the status of a
/// job that nobody is running (its runner died) runs it again. Results and errors are published atomically.
/// </summary>
public sealed class LocalFfmpegImageProvider : IImageProvider, IAsyncDisposable
{
    public const string ProviderName = "local-ffmpeg";
    public const string ModelName = "local-ffmpeg/image-v1";

    public const string AddNeedsGenerativeModelMessage =
        "Processing failed: the local provider cannot add objects; 'add' needs a generative model";

    public const string NoResultMessage = "AI model did not return a result";

    private const string TaskIdPrefix = "lfi_";
    private const string RequestFile = "request.json";
    private const string SourceFile = "source";
    private const string MaskFile = "mask.png";
    private const string ErrorFile = "error.txt";
    private const string LeaseFile = "lease";
    private const string TemporarySuffix = ".tmp";

    private static readonly JsonSerializerOptions JobRecordJson = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly FfmpegRunner _ffmpeg;
    private readonly ILogger<LocalFfmpegImageProvider> _logger;
    private readonly string _jobsRoot;
    private readonly TimeSpan _leaseTimeout;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, ImageJobStatus> _jobsInThisProcess = new();
    private readonly SemaphoreSlim _submitGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private int _disposed;

    public LocalFfmpegImageProvider(
        FfmpegRunner ffmpeg,
        IOptions<LocalFfmpegImageProviderOptions> options,
        ILogger<LocalFfmpegImageProvider> logger)
    {
        _ffmpeg = ffmpeg;
        _logger = logger;
        _jobsRoot = Path.Combine(Path.GetFullPath(options.Value.StorageRoot), ".provider", "images");
        _leaseTimeout = options.Value.JobLeaseTimeout;
        _workers = Enumerable.Range(0, Math.Max(1, options.Value.MaxConcurrentJobs)).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    public string Name => ProviderName;

    public string Model => ModelName;

    /// <exception cref="ArgumentException">The request has no job key, no source, or is an inpaint without a mask.</exception>
    /// <exception cref="FileNotFoundException">The source or mask file does not exist.</exception>
    public async Task<string> SubmitAsync(ImageJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.JobKey);
        ArgumentException.ThrowIfNullOrEmpty(request.SourcePath);
        if (request.Kind == ImageJobKind.InpaintRemove && string.IsNullOrEmpty(request.MaskPath))
        {
            throw new ArgumentException("An inpaint job needs a prepared mask.", nameof(request));
        }

        var taskId = TaskIdFor(request.JobKey);
        var directory = JobDirectory(taskId);
        await _submitGate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(Path.Combine(directory, RequestFile)))
            {
                await UploadAsync(request, directory, cancellationToken);
            }
        }
        finally
        {
            _submitGate.Release();
        }

        if (ReadOutcome(directory) is null)
        {
            Enqueue(taskId);
        }

        return taskId;
    }

    public async Task<ImageJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!IsTaskId(taskId))
        {
            return ImageJobState.Unknown;
        }

        var directory = JobDirectory(taskId);
        if (!File.Exists(Path.Combine(directory, RequestFile)))
        {
            return ImageJobState.Unknown;
        }

        if (ReadOutcome(directory) is { } outcome)
        {
            return outcome.Status == ImageJobStatus.Failed
                ? ImageJobState.Failed(await File.ReadAllTextAsync(outcome.Path, cancellationToken))
                : ImageJobState.Succeeded(outcome.Path);
        }

        if (_jobsInThisProcess.TryGetValue(taskId, out var status))
        {
            return status == ImageJobStatus.Running ? ImageJobState.Running : ImageJobState.Queued;
        }

        if (IsLeasedByAnotherProcess(directory))
        {
            return ImageJobState.Running;
        }

        // Recorded, unfinished and nobody is running it: the process that ran it died, so run it here.
        _logger.LogInformation("Re-attaching image job {TaskId}: unfinished and not running anywhere", taskId);
        Enqueue(taskId);
        return ImageJobState.Queued;
    }

    public Task ReleaseAsync(string taskId, CancellationToken cancellationToken)
    {
        var directory = JobDirectory(taskId);
        if (IsTaskId(taskId) && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll(_workers);
        _stopping.Dispose();
        _submitGate.Dispose();
    }

    /// <summary>A task id derived from the job key alone, so a caller that lost its answer gets the same id by submitting again.</summary>
    private static string TaskIdFor(string jobKey) =>
        TaskIdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobKey)))[..32];

    private static bool IsTaskId(string taskId) =>
        taskId.Length == TaskIdPrefix.Length + 32
        && taskId.StartsWith(TaskIdPrefix, StringComparison.Ordinal)
        && !taskId.AsSpan(TaskIdPrefix.Length).ContainsAnyExcept("0123456789abcdef");

    private string JobDirectory(string taskId) => Path.Combine(_jobsRoot, taskId);

    /// <summary>Copies the inputs into a staging directory and renames it into place, so a job directory is always complete.</summary>
    private async Task UploadAsync(ImageJobRequest request, string directory, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(_jobsRoot, ".staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            File.Copy(request.SourcePath, Path.Combine(staging, SourceFile));
            if (request.MaskPath is not null)
            {
                File.Copy(request.MaskPath, Path.Combine(staging, MaskFile));
            }

            var record = new JobRecord(request.JobKey, request.Kind, request.Prompt, DateTimeOffset.UtcNow);
            await File.WriteAllTextAsync(Path.Combine(staging, RequestFile), JsonSerializer.Serialize(record, JobRecordJson), cancellationToken);
            Directory.Move(staging, directory);
        }
        catch (IOException) when (File.Exists(Path.Combine(directory, RequestFile)))
        {
            // Another process submitted the same job key first; its job is the one.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private void Enqueue(string taskId)
    {
        if (_jobsInThisProcess.TryAdd(taskId, ImageJobStatus.Queued) && !_queue.Writer.TryWrite(taskId))
        {
            _jobsInThisProcess.TryRemove(taskId, out _);
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var taskId in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                _jobsInThisProcess[taskId] = ImageJobStatus.Running;
                try
                {
                    await RunJobAsync(taskId, _stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    _logger.LogError(e, "Image job {TaskId} failed unexpectedly", taskId);
                    await TryPublishErrorAsync(JobDirectory(taskId), "Processing failed: the local provider hit an unexpected error");
                }
                finally
                {
                    _jobsInThisProcess.TryRemove(taskId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: unfinished jobs stay on disk and are re-attached by whoever asks for them next.
        }
    }

    private async Task RunJobAsync(string taskId, CancellationToken cancellationToken)
    {
        var directory = JobDirectory(taskId);
        if (!File.Exists(Path.Combine(directory, RequestFile)) || ReadOutcome(directory) is not null || !TryTakeLease(directory))
        {
            return;
        }

        var lease = Path.Combine(directory, LeaseFile);
        var renewal = _leaseTimeout / 3;
        var heartbeat = new Timer(_ => RenewLease(lease), null, renewal, renewal);
        try
        {
            foreach (var leftover in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
            {
                File.Delete(leftover);
            }

            var record = JsonSerializer.Deserialize<JobRecord>(
                await File.ReadAllTextAsync(Path.Combine(directory, RequestFile), cancellationToken), JobRecordJson)!;
            _logger.LogInformation("Running image job {TaskId} ({Kind})", taskId, record.Kind);
            if (await ExecuteAsync(directory, record.Kind, cancellationToken) is { } errorMessage)
            {
                await TryPublishErrorAsync(directory, errorMessage);
            }

            // One line per finished run: the provider's record of work done (and paid for), which audits and drills count.
            _logger.LogInformation("Finished image job {TaskId}: {Outcome}", taskId, ReadOutcome(directory)?.Status);
        }
        finally
        {
            await heartbeat.DisposeAsync();
            File.Delete(lease);
        }
    }

    /// <summary>Runs the job and publishes its result; answers the error message instead when it fails.</summary>
    private async Task<string?> ExecuteAsync(string directory, ImageJobKind kind, CancellationToken cancellationToken)
    {
        if (kind == ImageJobKind.InpaintAdd)
        {
            return AddNeedsGenerativeModelMessage;
        }

        var sourcePath = Path.Combine(directory, SourceFile);
        var source = await ImageSniffer.SniffFileAsync(sourcePath, cancellationToken);
        if (source is null)
        {
            return "Processing failed: the source is not a readable JPEG, PNG or WebP image";
        }

        var temporary = Path.Combine(directory, $"result.{Guid.NewGuid():N}{TemporarySuffix}");
        IEnumerable<string> arguments;
        if (kind == ImageJobKind.InpaintRemove)
        {
            var maskPath = Path.Combine(directory, MaskFile);
            var mask = ImageSniffer.SniffPng(await File.ReadAllBytesAsync(maskPath, cancellationToken));
            if (mask is null || mask.Width != source.Width || mask.Height != source.Height)
            {
                return "Processing failed: the mask is not a PNG of the image's size";
            }

            arguments = ImageFilters.RemoveArguments(sourcePath, source, maskPath, MaskFile, temporary);
        }
        else
        {
            arguments = ImageFilters.EnhanceArguments(sourcePath, source, temporary);
        }

        try
        {
            await _ffmpeg.RunFfmpegAsync(arguments, workingDirectory: directory, cancellationToken: cancellationToken);
            var result = File.Exists(temporary) ? await ImageSniffer.SniffFileAsync(temporary, cancellationToken) : null;
            if (result is null || (result.Format, result.Width, result.Height) != (source.Format, source.Width, source.Height))
            {
                return NoResultMessage;
            }

            File.Move(temporary, Path.Combine(directory, "result." + result.Extension), overwrite: true);
            return null;
        }
        catch (FfmpegException e)
        {
            _logger.LogWarning("FFmpeg failed on image job in {Directory}: {Message}\n{StandardError}", directory, e.Message, e.StandardError);
            return e.TimedOut
                ? "Processing failed: the image took too long to process"
                : "Processing failed: FFmpeg could not process the image";
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The published result or error file, or null while the job is unfinished.</summary>
    private static (ImageJobStatus Status, string Path)? ReadOutcome(string directory)
    {
        foreach (var extension in (string[])["jpg", "png", "webp"])
        {
            var result = Path.Combine(directory, "result." + extension);
            if (File.Exists(result))
            {
                return (ImageJobStatus.Succeeded, result);
            }
        }

        var error = Path.Combine(directory, ErrorFile);
        return File.Exists(error) ? (ImageJobStatus.Failed, error) : null;
    }

    private async Task TryPublishErrorAsync(string directory, string message)
    {
        var temporary = Path.Combine(directory, $"error.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            await File.WriteAllTextAsync(temporary, message);
            File.Move(temporary, Path.Combine(directory, ErrorFile), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The job was released meanwhile, or the disk failed: the job stays unfinished and is re-attached later.
            _logger.LogWarning(e, "Could not record the failure of the image job in {Directory}", directory);
        }
    }

    /// <summary>
    /// Takes the job unless another live process holds it. Two processes that find a stale lease at the same moment may
    /// both run the job; that only costs time, since each publishes the same result atomically.
    /// </summary>
    private bool TryTakeLease(string directory)
    {
        if (IsLeasedByAnotherProcess(directory))
        {
            return false;
        }

        File.WriteAllText(Path.Combine(directory, LeaseFile), _instanceId);
        return true;
    }

    private bool IsLeasedByAnotherProcess(string directory)
    {
        var lease = Path.Combine(directory, LeaseFile);
        try
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(lease) < _leaseTimeout && File.ReadAllText(lease) != _instanceId;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private void RenewLease(string lease)
    {
        try
        {
            File.SetLastWriteTimeUtc(lease, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not renew the image job lease {Lease}", lease);
        }
    }

    private sealed record JobRecord(string JobKey, ImageJobKind Kind, string Prompt, DateTimeOffset SubmittedAt);
}
