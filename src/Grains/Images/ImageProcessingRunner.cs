using System.Data.Common;
using AiStudio.Images.Providers;
using AiStudio.Media.Images;
using AiStudio.Providers;
using AiStudio.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Images;

/// <summary>
/// Drives one image through the seed's steps outside any grain turn: prepare, take a slot of the provider (waiting in
/// line while none is free), submit (recording the task before waiting on it), poll, store the result, and report each
/// step to the image's grain. A recorded task is re-attached by its id; one the provider no longer knows is submitted
/// again under the same job key. A provider that cannot be reached is polled again, not blamed: the image's time-out decides.
/// </summary>
public sealed class ImageProcessingRunner(
    IGrainFactory grains,
    IBlobStore blobs,
    IImageProvider provider,
    MaskPreparer maskPreparer,
    ProviderPollWakeups wakeups,
    IOptions<ImageProcessingOptions> options,
    ILogger<ImageProcessingRunner> logger) : IImageProcessingRunner
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    public string ProviderName => provider.Name;

    public void Start(string imageId) => _ = Task.Run(() => RunAsync(imageId));

    public void CancelProviderTask(string taskId) => _ = Task.Run(async () =>
    {
        try
        {
            await provider.CancelAsync(taskId, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not cancel task {TaskId} at {Provider}", taskId, provider.Name);
        }
    });

    private async Task RunAsync(string imageId)
    {
        var grain = grains.GetGrain<IImageProcessing>(imageId);
        var runId = Guid.NewGuid();
        ImageJob? job;
        try
        {
            job = await grain.BeginProcessingAsync(runId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not begin processing image {ImageId}; its reminder will resume it", imageId);
            return;
        }

        if (job is null)
        {
            return;
        }

        var workDirectory = Directory.CreateTempSubdirectory("aistudio-image-");
        try
        {
            if (await ProcessAsync(grain, runId, job, workDirectory.FullName) is { } result
                && await grain.CompleteAsync(runId, result.ResultKey, provider.ModelFor(KindOf(job)), result.CostCents))
            {
                // Only once the image has recorded its result: until then a resumed run must find the finished task, not redo it.
                await provider.CancelAsync(result.TaskId, CancellationToken.None);
            }
        }
        catch (ImageProcessingException e)
        {
            await TryFailAsync(grain, runId, imageId, e.Message);
        }
        catch (ProviderTaskLostException)
        {
            logger.LogWarning("The provider lost the task of image {ImageId} mid-run; its reminder will submit it again", imageId);
        }
        catch (Exception e) when (IsInfrastructureFailure(e))
        {
            logger.LogWarning(e, "Lost contact with image {ImageId}; its reminder will resume it", imageId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Processing image {ImageId} failed", imageId);
            await TryFailAsync(grain, runId, imageId, $"Processing failed: {e.Message}");
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The stored result's key, the provider task that made it and the cost it reported, or null when the grain has replaced this run.</summary>
    private async Task<(string ResultKey, string TaskId, int? CostCents)?> ProcessAsync(IImageProcessing grain, Guid runId, ImageJob job, string workDirectory)
    {
        var sourcePath = blobs.TryGetLocalPath(job.SourceKey)
            ?? throw new ImageProcessingException("Original image URL is not accessible");

        var taskId = job.ProviderTaskId;
        if (taskId is not null && (await TryGetStatusAsync(taskId, job.ImageId))?.Status == ProviderJobStatus.Unknown)
        {
            // The provider no longer holds the recorded task (e.g. released before a crash): submit the same job key again.
            taskId = null;
        }

        if (taskId is null)
        {
            string? maskPath = null;
            if (job.Operation == ImageOperation.Inpaint)
            {
                if (!await grain.ReportStepAsync(runId, ImageStep.Preparing))
                {
                    return null;
                }

                var storedMask = job.MaskKey is null ? null : blobs.TryGetLocalPath(job.MaskKey);
                if (storedMask is null)
                {
                    throw new ImageProcessingException("maskDataUrl is required");
                }

                maskPath = Path.Combine(workDirectory, "mask.png");
                await maskPreparer.PrepareAsync(sourcePath, storedMask, maskPath, CancellationToken.None);
            }
            else if (!await grain.ReportStepAsync(runId, ImageStep.Uploading))
            {
                return null;
            }

            if (!await WaitForProviderSlotAsync(grain, runId))
            {
                return null;
            }

            taskId = await provider.SubmitAsync(new ImageJobRequest(job.JobKey, KindOf(job), sourcePath, maskPath, job.Prompt), CancellationToken.None);
            if (!await grain.RecordProviderTaskAsync(runId, taskId))
            {
                return null;
            }
        }
        else if (!await WaitForProviderSlotAsync(grain, runId))
        {
            return null;
        }

        if (!await grain.ReportStepAsync(runId, ImageStep.Processing))
        {
            return null;
        }

        if (await WaitForSuccessAsync(grain, runId, taskId) is not { } succeeded || !await grain.ReportStepAsync(runId, ImageStep.Saving))
        {
            return null;
        }

        return (await StoreResultAsync(job, taskId), taskId, succeeded.CostCents);
    }

    /// <summary>
    /// Holds one of the provider's cluster-wide slots, waiting in line while none is free: the image stays at its step
    /// meanwhile and each ask tells the grain the run is alive. False when the grain has ended this run.
    /// </summary>
    private async Task<bool> WaitForProviderSlotAsync(IImageProcessing grain, Guid runId)
    {
        var recheck = TimeSpan.FromTicks(Math.Min(HeartbeatInterval.Ticks, options.Value.StaleRunAfter.Ticks / 3));
        while (true)
        {
            switch (await grain.TakeProviderSlotAsync(runId))
            {
                case ProviderSlotAnswer.Held:
                    return true;
                case ProviderSlotAnswer.RunEnded:
                    return false;
            }

            // The grain wakes the run when the slot is granted; the recheck covers a grant that went astray.
            await wakeups.WaitAsync(grain.GetPrimaryKeyString(), recheck, CancellationToken.None);
        }
    }

    /// <summary>The task's final state once it succeeded; null when the grain has replaced this run.</summary>
    private async Task<ProviderJobState?> WaitForSuccessAsync(IImageProcessing grain, Guid runId, string taskId)
    {
        var lastHeartbeat = DateTimeOffset.UtcNow;
        var schedule = options.Value.NewPollSchedule();
        int? reportedPosition = null;
        while (true)
        {
            var job = await TryGetStatusAsync(taskId, grain.GetPrimaryKeyString());
            switch (job?.Status)
            {
                case ProviderJobStatus.Succeeded:
                    return job;
                case ProviderJobStatus.Failed:
                    throw new ImageProcessingException(job.ErrorMessage ?? "Processing failed: the provider gave no reason");
                case ProviderJobStatus.Unknown:
                    throw new ProviderTaskLostException();
            }

            // Unchanged while the provider does not answer; gone once the task runs.
            var position = job is null ? reportedPosition : job.QueuePosition;
            if (position != reportedPosition)
            {
                if (!await grain.ReportQueuePositionAsync(runId, position))
                {
                    return null;
                }

                reportedPosition = position;
            }

            if (DateTimeOffset.UtcNow - lastHeartbeat > HeartbeatInterval)
            {
                if (!await grain.HeartbeatAsync(runId))
                {
                    return null;
                }

                lastHeartbeat = DateTimeOffset.UtcNow;
            }

            await wakeups.WaitAsync(grain.GetPrimaryKeyString(), schedule.NextDelay(job), CancellationToken.None);
        }
    }

    /// <summary>The task's status, or null when the provider could not be reached: the run polls again later.</summary>
    private async Task<ProviderJobState?> TryGetStatusAsync(string taskId, string imageId)
    {
        try
        {
            return await provider.GetStatusAsync(taskId, CancellationToken.None);
        }
        catch (ProviderUnavailableException e)
        {
            logger.LogWarning("{Provider} did not answer for task {TaskId} of image {ImageId}; asking again later: {Reason}", provider.Name, taskId, imageId, e.Message);
            return null;
        }
    }

    /// <summary>Copies the provider's result into the blob store (provider results may expire) and answers its key.</summary>
    private async Task<string> StoreResultAsync(ImageJob job, string taskId)
    {
        ProviderResult result;
        try
        {
            result = await provider.FetchResultAsync(taskId, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Both carry the provider's message for the end user, e.g. the seed's "Couldn't retrieve the processed image…".
            throw new ImageProcessingException(e.Message, e);
        }

        await using (result)
        {
            var resultKey = BlobKeys.ImageResult(job.WorkspaceId, job.ImageId, result.FileExtension);
            await blobs.PutAsync(resultKey, result.Content);
            return resultKey;
        }
    }

    /// <summary>The cluster or its database failed, not the image: the work is resumed later rather than failed.</summary>
    private static bool IsInfrastructureFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OrleansException or TimeoutException or DbException)
            {
                return true;
            }
        }

        return false;
    }

    private static ImageJobKind KindOf(ImageJob job) => job.Operation switch
    {
        ImageOperation.Inpaint when job.EditMode == ImageEditModes.Add => ImageJobKind.InpaintAdd,
        ImageOperation.Inpaint => ImageJobKind.InpaintRemove,
        _ => ImageJobKind.Enhance,
    };

    private async Task TryFailAsync(IImageProcessing grain, Guid runId, string imageId, string message)
    {
        try
        {
            await grain.FailAsync(runId, message);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record the failure of image {ImageId}; its reminder will resume it", imageId);
        }
    }
}
