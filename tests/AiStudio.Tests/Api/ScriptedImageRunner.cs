using System.Collections.Concurrent;
using AiStudio.Images;
using AiStudio.Storage;

namespace AiStudio.Tests.Api;

/// <summary>
/// Stands in for the image provider in API tests: walks a run through the seed's steps at once and stores the source as
/// the result. The prompt steers it: <c>[hold]</c> stays processing with a provider task recorded, <c>[fail]</c> fails,
/// <c>[fail-once]</c> fails the first attempt. Tasks it is asked to cancel are kept in <see cref="CanceledTasks"/>.
/// </summary>
public sealed class ScriptedImageRunner(IGrainFactory grains, IBlobStore blobs) : IImageProcessingRunner
{
    public const string Hold = "[hold]";
    public const string Fail = "[fail]";
    public const string FailOnce = "[fail-once]";
    public const string FailureMessage = "Processing failed: scripted failure";

    private readonly ConcurrentDictionary<string, bool> _failedOnce = new();
    private readonly ConcurrentQueue<string> _canceledTasks = new();

    public string ProviderName => "scripted";

    public IReadOnlyCollection<string> CanceledTasks => _canceledTasks;

    /// <summary>The provider task a held image records.</summary>
    public static string TaskIdOf(string imageId) => $"task-{imageId}";

    public void CancelProviderTask(string taskId) => _canceledTasks.Enqueue(taskId);

    // Off the grain's scheduler, as a real runner: the run calls back into the grain like any outside caller.
    public void Start(string imageId) => _ = Task.Run(() => RunAsync(imageId));

    private async Task RunAsync(string imageId)
    {
        var image = grains.GetGrain<IImageProcessing>(imageId);
        var runId = Guid.NewGuid();
        var job = await image.BeginProcessingAsync(runId);
        if (job is null)
        {
            return;
        }

        if (job.Prompt.Contains(Hold, StringComparison.Ordinal))
        {
            await image.RecordProviderTaskAsync(runId, TaskIdOf(imageId));
            return;
        }

        await image.ReportStepAsync(runId, job.MaskKey is null ? ImageStep.Uploading : ImageStep.Preparing);
        await image.ReportStepAsync(runId, ImageStep.Processing);
        if (job.Prompt.Contains(Fail, StringComparison.Ordinal)
            || (job.Prompt.Contains(FailOnce, StringComparison.Ordinal) && _failedOnce.TryAdd(imageId, true)))
        {
            await image.FailAsync(runId, FailureMessage);
            return;
        }

        await image.ReportStepAsync(runId, ImageStep.Saving);
        var resultKey = BlobKeys.ImageResult(job.WorkspaceId, imageId, job.SourceKey);
        await using (var source = await blobs.OpenReadAsync(job.SourceKey) ?? throw new InvalidOperationException($"No source {job.SourceKey}"))
        {
            await blobs.PutAsync(resultKey, source);
        }

        await image.CompleteAsync(runId, resultKey, "scripted-model", null);
    }
}
