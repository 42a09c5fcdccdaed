using AiStudio.Media.Video;
using AiStudio.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>
/// Compiles video projects outside grain turns: adopts the project's compile, runs the compiler on the segment files
/// in order (muxing the soundtrack prepared while the clips generated, when there is one), publishes the thumbnail
/// and then the video (each written atomically), and reports back. While it works it tells the project it is alive;
/// when the project no longer wants it (canceled, replaced) the compile is stopped. An interrupted compile is redone
/// from scratch by a new run.
/// </summary>
public sealed class VideoCompileRunner(
    IGrainFactory grains,
    IVideoCompiler compiler,
    IBlobStore blobs,
    IOptions<VideoGenerationOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<VideoCompileRunner> logger) : IVideoCompileRunner
{
    public void Start(string videoProjectId) => _ = Task.Run(() => CompileAsync(videoProjectId));

    public void PrepareSoundtrack(string videoProjectId) => _ = Task.Run(() => PrepareSoundtrackAsync(videoProjectId));

    public void Discard(PreparedSoundtrack soundtrack) => _ = Task.Run(() => Delete(soundtrack));

    private async Task CompileAsync(string videoProjectId)
    {
        var runId = Guid.NewGuid();
        var project = grains.GetGrain<IVideoProjectCompilation>(videoProjectId);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        try
        {
            var job = await project.BeginCompileAsync(runId);
            if (job is null)
            {
                return;
            }

            var keepingAlive = KeepAliveAsync(project, runId, run);
            try
            {
                await CompileAndPublishAsync(project, runId, job, run.Token);
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
    }

    private async Task CompileAndPublishAsync(IVideoProjectCompilation project, Guid runId, VideoCompileJob job, CancellationToken cancellationToken)
    {
        var segmentPaths = job.SegmentKeys.Select(blobs.TryGetLocalPath).ToList();
        var music = MusicOf(job.BackgroundMusic);
        if (segmentPaths.Any(path => path is null) || (job.BackgroundMusic is not null && music is null))
        {
            await project.FailCompileAsync(runId, VideoErrors.StorageUnavailable);
            return;
        }

        CompiledVideo compiled;
        try
        {
            compiled = await compiler.CompileAsync(
                new VideoCompileRequest(segmentPaths!, job.AspectRatio, music, job.AmbientAudio, job.Soundtrack), cancellationToken);
        }
        catch (VideoCompilationException e)
        {
            logger.LogWarning(e, "FFmpeg could not compile video project {VideoProjectId}", job.VideoProjectId);
            await project.FailCompileAsync(runId, VideoErrors.CompilationFailed);
            return;
        }

        using (compiled)
        {
            if (!await project.ReportCompileProgressAsync(runId, VideoProjectSteps.PublishingProgress))
            {
                return;
            }

            try
            {
                // The thumbnail first: once the video is there, everything it needs is there too.
                await blobs.PutFileAsync(job.ThumbnailKey, compiled.ThumbnailPath, cancellationToken);
                await blobs.PutFileAsync(job.VideoKey, compiled.VideoPath, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Publishing video project {VideoProjectId} failed", job.VideoProjectId);
                await project.FailCompileAsync(runId, VideoErrors.StorageUnavailable);
                return;
            }
        }

        var output = new VideoOutput(job.VideoKey, job.ThumbnailKey, compiled.DurationSeconds);
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

    private async Task PrepareSoundtrackAsync(string videoProjectId)
    {
        var project = grains.GetGrain<IVideoProjectCompilation>(videoProjectId);
        try
        {
            if (await project.GetSoundtrackPlanAsync() is not { } plan)
            {
                return;
            }

            var music = MusicOf(plan.BackgroundMusic);
            if (plan.BackgroundMusic is not null && music is null)
            {
                return;
            }

            var prepared = await compiler.PrepareSoundtrackAsync(
                new SoundtrackRequest(music, plan.AmbientAudio, plan.DurationSeconds), lifetime.ApplicationStopping);
            if (!await project.RecordSoundtrackAsync(prepared))
            {
                Delete(prepared);
            }
        }
        catch (Exception e)
        {
            // Only a head start: without it the compile renders the soundtrack itself.
            logger.LogWarning(e, "Preparing the soundtrack of video project {VideoProjectId} failed", videoProjectId);
        }
    }

    private MusicTrack? MusicOf(BackgroundMusic? music) =>
        music is not null && blobs.TryGetLocalPath(music.MusicKey) is { } path ? new MusicTrack(path, music.Volume) : null;

    private void Delete(PreparedSoundtrack soundtrack)
    {
        try
        {
            File.Delete(soundtrack.Path);
            // The compiler gives each soundtrack a directory of its own; an empty one is all that is left of it.
            if (Path.GetDirectoryName(soundtrack.Path) is { } directory && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the prepared soundtrack {Path}", soundtrack.Path);
        }
    }
}
