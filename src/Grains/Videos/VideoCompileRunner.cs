using AiStudio.Media.Video;
using AiStudio.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>
/// Compiles video projects outside grain turns: adopts the project's compile, runs <see cref="VideoCompiler"/> on the
/// segment files in order in a private directory, publishes the thumbnail and then the video (each written
/// atomically), and reports back. While it works it tells the project it is alive; when the project no longer wants
/// it (canceled, replaced) the compile is stopped. An interrupted compile is redone from scratch by a new run.
/// </summary>
public sealed class VideoCompileRunner(
    IGrainFactory grains,
    VideoCompiler compiler,
    IBlobStore blobs,
    IOptions<VideoGenerationOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<VideoCompileRunner> logger) : IVideoCompileRunner
{
    public void Start(string videoProjectId) => _ = Task.Run(() => RunAsync(videoProjectId));

    private async Task RunAsync(string videoProjectId)
    {
        var runId = Guid.NewGuid();
        var project = grains.GetGrain<IVideoProjectCompilation>(videoProjectId);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        var workDirectory = Path.Combine(Path.GetTempPath(), "aistudio-compile-" + runId.ToString("N"));
        try
        {
            var job = await project.BeginCompileAsync(runId);
            if (job is null)
            {
                return;
            }

            Directory.CreateDirectory(workDirectory);
            var keepingAlive = KeepAliveAsync(project, runId, run);
            try
            {
                await CompileAndPublishAsync(project, runId, job, workDirectory, run.Token);
            }
            finally
            {
                await run.CancelAsync();
                await keepingAlive;
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            logger.LogInformation("Compile of video project {VideoProjectId} stopped", videoProjectId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Compile of video project {VideoProjectId} stopped; its reminder starts it again", videoProjectId);
        }
        finally
        {
            DeleteWorkDirectory(workDirectory);
        }
    }

    private async Task CompileAndPublishAsync(
        IVideoProjectCompilation project, Guid runId, VideoCompileJob job, string workDirectory, CancellationToken cancellationToken)
    {
        var segmentPaths = job.SegmentKeys.Select(blobs.TryGetLocalPath).ToList();
        var musicPath = job.BackgroundMusic is { } music ? blobs.TryGetLocalPath(music.MusicKey) : null;
        if (segmentPaths.Any(path => path is null) || (job.BackgroundMusic is not null && musicPath is null))
        {
            await project.FailCompileAsync(runId, VideoErrors.StorageUnavailable);
            return;
        }

        VideoCompileResult result;
        try
        {
            result = await compiler.CompileAsync(
                new VideoCompileRequest(segmentPaths!, musicPath, job.BackgroundMusic?.Volume ?? 0, job.AmbientAudio, job.AspectRatio, workDirectory),
                cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "FFmpeg could not compile video project {VideoProjectId}", job.VideoProjectId);
            await project.FailCompileAsync(runId, VideoErrors.CompilationFailed);
            return;
        }

        if (!await project.ReportCompileProgressAsync(runId, VideoProjectSteps.PublishingProgress))
        {
            return;
        }

        try
        {
            // The thumbnail first: once the video is there, everything it needs is there too.
            await blobs.PutFileAsync(job.ThumbnailKey, result.ThumbnailPath, cancellationToken);
            await blobs.PutFileAsync(job.VideoKey, result.VideoPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Publishing video project {VideoProjectId} failed", job.VideoProjectId);
            await project.FailCompileAsync(runId, VideoErrors.StorageUnavailable);
            return;
        }

        var output = new VideoOutput(job.VideoKey, job.ThumbnailKey, result.DurationSeconds);
        if (!await project.CompleteCompileAsync(runId, output)
            && await grains.GetGrain<IVideoProjectGrain>(job.VideoProjectId).GetAsync() is null)
        {
            // The project was deleted while its video was being published.
            await blobs.DeleteAsync(job.VideoKey, CancellationToken.None);
            await blobs.DeleteAsync(job.ThumbnailKey, CancellationToken.None);
        }
    }

    /// <summary>Tells the project the run is alive until the run ends; stops the run when the project no longer wants it.</summary>
    private async Task KeepAliveAsync(IVideoProjectCompilation project, Guid runId, CancellationTokenSource run)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.CompileHeartbeatInterval, run.Token);
                bool wanted;
                try
                {
                    wanted = await project.ReportCompileProgressAsync(runId, VideoProjectSteps.CompilingProgress);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Unreachable for a moment: the project replaces this run only after StaleRunAfter.
                    logger.LogDebug(e, "Compile heartbeat of {VideoProjectId} failed", project.GetPrimaryKeyString());
                    continue;
                }

                if (!wanted)
                {
                    await run.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private void DeleteWorkDirectory(string workDirectory)
    {
        try
        {
            if (Directory.Exists(workDirectory))
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete compile directory {Directory}", workDirectory);
        }
    }
}
