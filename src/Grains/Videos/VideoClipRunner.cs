using AiStudio.Providers;
using AiStudio.Storage;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>
/// Generates clips outside grain turns. A run adopts its clip, submits the job (or re-attaches to the task its clip
/// recorded), records the task before waiting on it, polls until the task ends or the clip's deadline passes, stores
/// the file and reports back. Any failure to reach the grain ends the run quietly: the clip's reminder starts another.
/// A task the provider no longer knows is submitted again under the same job key.
/// </summary>
public sealed class VideoClipRunner(
    IGrainFactory grains,
    IVideoProvider provider,
    IBlobStore blobs,
    ProviderPollWakeups wakeups,
    IOptions<VideoGenerationOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<VideoClipRunner> logger) : IVideoClipRunner
{
    public string ProviderName => provider.Name;

    public void Start(string clipId) => _ = Task.Run(() => RunAsync(clipId));

    private async Task RunAsync(string clipId)
    {
        var runId = Guid.NewGuid();
        var clip = grains.GetGrain<IVideoClipGeneration>(clipId);
        var stopping = lifetime.ApplicationStopping;
        try
        {
            var job = await clip.BeginAsync(runId);
            if (job is null)
            {
                return;
            }

            var taskId = job.ProviderTaskId;
            if (taskId is not null
                && await PollAsync(clipId, taskId, stopping) is { Status: ProviderJobStatus.Unknown })
            {
                // The provider lost the recorded task: the same job key submits it again, still once.
                taskId = null;
            }

            if (taskId is null)
            {
                var submission = await SubmitAsync(job, stopping);
                if (submission.ErrorMessage is { } submitError)
                {
                    await clip.FailAsync(runId, submitError);
                    return;
                }

                taskId = submission.TaskId!;
            }

            if (await clip.RecordProviderTaskAsync(runId, taskId) is not { } deadline)
            {
                return;
            }

            await WaitForTaskAsync(clip, runId, job, taskId, deadline, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Run of clip {ClipId} stopped with the silo; its reminder resumes it elsewhere", clipId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Run of clip {ClipId} stopped; its reminder resumes it", clipId);
        }
    }

    private async Task<(string? TaskId, string? ErrorMessage)> SubmitAsync(VideoClipJob job, CancellationToken cancellationToken)
    {
        var setup = job.Setup;
        if (setup.Kind == ClipKind.Transition)
        {
            var fromPath = blobs.TryGetLocalPath(setup.FromClipKey!);
            var toPath = blobs.TryGetLocalPath(setup.ToClipKey!);
            if (fromPath is null || toPath is null)
            {
                return (null, VideoErrors.StorageUnavailable);
            }

            return await SubmitGuardedAsync(() => provider.SubmitAsync(
                new TransitionJobRequest(job.JobKey, fromPath, toPath, setup.AspectRatio), cancellationToken));
        }

        var sourcePath = blobs.TryGetLocalPath(setup.SourceImageKey!);
        if (sourcePath is null)
        {
            return (null, VideoErrors.StorageUnavailable);
        }

        return await SubmitGuardedAsync(() => provider.SubmitAsync(
            new ClipJobRequest(job.JobKey, sourcePath, setup.Prompt ?? "", setup.DurationSeconds, setup.AspectRatio), cancellationToken));
    }

    private static async Task<(string? TaskId, string? ErrorMessage)> SubmitGuardedAsync(Func<Task<string>> submit)
    {
        try
        {
            return (await submit(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.Message);
        }
    }

    private async Task WaitForTaskAsync(
        IVideoClipGeneration clip, Guid runId, VideoClipJob job, string taskId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var schedule = options.Value.NewPollSchedule();
        while (true)
        {
            var status = await PollAsync(job.ClipId, taskId, cancellationToken);
            switch (status?.Status)
            {
                case ProviderJobStatus.Succeeded:
                    await StoreAsync(clip, runId, job, taskId);
                    return;
                case ProviderJobStatus.Failed:
                    await clip.FailAsync(runId, status.ErrorMessage ?? "Video generation failed");
                    return;
                case ProviderJobStatus.Unknown:
                    logger.LogWarning("{Provider} lost task {TaskId} of clip {ClipId} mid-run; its reminder submits it again", provider.Name, taskId, job.ClipId);
                    return;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                await clip.FailAsync(runId, VideoErrors.ClipTimeout(job.ClipId));
                return;
            }

            await wakeups.WaitAsync(job.ClipId, schedule.NextDelay(status), cancellationToken);
            if (!await clip.HeartbeatAsync(runId))
            {
                return;
            }
        }
    }

    /// <summary>The task's status, or null when the provider could not be asked this time (the run asks again until the deadline).</summary>
    private async Task<ProviderJobState?> PollAsync(string clipId, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.GetStatusAsync(taskId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Asking {Provider} about task {TaskId} of clip {ClipId} failed", provider.Name, taskId, clipId);
            return null;
        }
    }

    private async Task StoreAsync(IVideoClipGeneration clip, Guid runId, VideoClipJob job, string taskId)
    {
        // A clip stopped meanwhile must not have its file replaced by an abandoned run.
        if (!await clip.HeartbeatAsync(runId))
        {
            return;
        }

        var clipKey = job.Setup.ResultKey;
        try
        {
            await using var result = await provider.FetchResultAsync(taskId, CancellationToken.None);
            await blobs.PutAsync(clipKey, result.Content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogWarning(e, "Storing clip {ClipId} failed", job.ClipId);
            await clip.FailAsync(runId, VideoErrors.StorageUnavailable);
            return;
        }

        if (!await clip.CompleteAsync(runId, clipKey)
            && await grains.GetGrain<IVideoClipGrain>(job.ClipId).GetReportAsync() is null)
        {
            // The clip was deleted while its file was being stored.
            await blobs.DeleteAsync(clipKey);
        }
    }
}
