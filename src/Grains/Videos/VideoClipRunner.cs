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
/// A task the provider no longer knows is submitted again under the same job key. Nothing is submitted for a project
/// run that is over (the fence), and a task nobody waits on any more is canceled at the provider.
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

    public void CancelProviderTask(string clipId, string providerTaskId) => _ = Task.Run(() => CancelAsync(clipId, providerTaskId));

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
                // The fence: a clip whose project run is over (canceled, failed, retried) never submits, even when its own reminder woke it first.
                if (await grains.GetGrain<IVideoProjectClipTracker>(job.Setup.VideoProjectId).GetRunStopReasonAsync(job.Run) is { } stopReason)
                {
                    await clip.EndWithProjectAsync(runId, job.Run, stopReason);
                    return;
                }

                var submission = await SubmitAsync(job, stopping);
                if (submission.ErrorMessage is { } submitError)
                {
                    await clip.FailAsync(runId, submitError);
                    return;
                }

                taskId = submission.TaskId!;
                if (!await clip.RecordProviderTaskAsync(runId, taskId))
                {
                    await CancelUnwantedAsync(job, taskId);
                    return;
                }
            }

            await WaitForTaskAsync(clip, runId, job, taskId, stopping);
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

    /// <summary>
    /// Polls until the task ends or its deadline passes. The deadline starts with the first poll that does not say the
    /// provider has yet to accept the task (one that refused it for concurrency), and each change of the task's queue
    /// position is told to the clip.
    /// </summary>
    private async Task WaitForTaskAsync(IVideoClipGeneration clip, Guid runId, VideoClipJob job, string taskId, CancellationToken cancellationToken)
    {
        var schedule = options.Value.NewPollSchedule();
        var deadline = job.Deadline;
        int? queuePosition = null;
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

            // A poll that failed cannot tell, so the deadline starts then too: an outage still ends in a timeout.
            if (deadline is null && status is not { IsAccepted: false })
            {
                deadline = await clip.ProviderAcceptedAsync(runId);
                if (deadline is null)
                {
                    return;
                }
            }

            if (status is not null && status.QueuePosition != queuePosition)
            {
                queuePosition = status.QueuePosition;
                if (!await clip.ReportQueuePositionAsync(runId, queuePosition))
                {
                    return;
                }
            }

            if (deadline is { } due && DateTimeOffset.UtcNow >= due)
            {
                if (await clip.FailAsync(runId, VideoErrors.ClipTimeout(job.ClipId)))
                {
                    await CancelAsync(job.ClipId, taskId);
                }

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

    /// <summary>
    /// A task submitted for a clip that stopped meanwhile, was deleted, or moved on to a later project run is wanted by
    /// nobody. A clip still generating in the same run only replaced this run, and its new run takes over the job key.
    /// </summary>
    private async Task CancelUnwantedAsync(VideoClipJob job, string taskId)
    {
        var report = await grains.GetGrain<IVideoClipGrain>(job.ClipId).GetReportAsync();
        if (report is null || report.View.Status != ClipStatus.Generating || report.Run != job.Run)
        {
            await CancelAsync(job.ClipId, taskId);
        }
    }

    /// <summary>Cancels at the provider; its client retries what may be retried (429, 5xx, time-outs), and a cancel that still fails leaves the task to run out.</summary>
    private async Task CancelAsync(string clipId, string taskId)
    {
        try
        {
            await provider.CancelAsync(taskId, lifetime.ApplicationStopping);
            logger.LogInformation("Canceled {Provider} task {TaskId} of clip {ClipId}", provider.Name, taskId, clipId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Canceling {Provider} task {TaskId} of clip {ClipId} failed; the task runs to its end", provider.Name, taskId, clipId);
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
