using AiStudio.Common;
using AiStudio.Limits;
using AiStudio.Persistence;
using AiStudio.Providers;
using AiStudio.Projects;
using AiStudio.Runs;
using AiStudio.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Images;

/// <summary>
/// One image version; its only moves are those of <see cref="ImageTransitions"/>. Intent is persisted before work
/// starts and a reminder brings the grain back to resume it. Its run submits only while the image holds one of its
/// provider's cluster-wide slots (<see cref="IProviderSlotsGrain"/>), waiting in line for one when none is free.
/// </summary>
public sealed partial class ImageGenerationGrain(
    [PersistentState("image", "store")] IPersistentState<ImageGenerationState> state,
    IImageProcessingRunner runner,
    ProviderPollWakeups wakeups,
    ImagePrices prices,
    IOptions<ImageProcessingOptions> options,
    IOptions<ProviderSlotsOptions> slotOptions,
    ILogger<ImageGenerationGrain> logger) : Grain, IImageGenerationGrain, IImageProcessing, IImageLineage, IImageJobHint, IProviderSlotWaiter, IRemindable
{
    public const string CanceledMessage = "Canceled";

    private const string ResumeReminder = "resume-processing";

    private readonly RunLease _run = new(TimeProvider.System, options.Value.StaleRunAfter);
    private ProviderSlotHold? _slot;

    private string Id => this.GetPrimaryKeyString();
    private ImageGeneration? Record => state.State.Record;

    /// <summary>The image's place with its provider's slots; it names itself by grain id, so the slots grain can tell it apart from a clip.</summary>
    private ProviderSlotHold Slot => _slot ??= new ProviderSlotHold(
        GrainFactory, runner.ProviderName, this.GetGrainId().ToString(), slotOptions.Value.ProviderLeaseDuration, logger);

    /// <summary>
    /// The record as callers see it: a completed or failed image reads as still processing until the project has
    /// acknowledged that status, i.e. until its terminal event is in the progress log (held across restarts, as both are persisted).
    /// </summary>
    private ImageGeneration? View =>
        Record is { Status: ImageStatus.Completed or ImageStatus.Failed } record && state.State.StatusReportedToProject != record.Status
        ? record with { Status = ImageStatus.Processing, ResultImageKey = null, ErrorMessage = null }
        : Record;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Record is { Status: ImageStatus.Pending or ImageStatus.Processing })
        {
            StartRun();
        }

        return Task.CompletedTask;
    }

    public Task<ImageGeneration?> GetAsync() => Task.FromResult(View);

    public async Task<ImageGeneration> CreateAsync(NewImage request)
    {
        if (Record is not null)
        {
            return View!;
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(request.ProjectId).GetAsync();
        if (project is null || project.WorkspaceId != request.WorkspaceId)
        {
            throw new RequestRejectedException("projectId", "Project not found");
        }

        var now = DateTimeOffset.UtcNow;
        var cost = await ReserveAsync(UsagePeriods.GrainKey(request.WorkspaceId, now), state.State.Attempt, ImageOperation.Enhance);
        state.State.Record = new ImageGeneration(
            Id, request.WorkspaceId, request.UserId, request.ProjectId, request.OriginalImageKey, null, request.Prompt,
            Version: 1, ParentId: null, ImageStatus.Pending, null, Metadata: null, now, now, cost);
        state.State.VersionIds = [Id];
        state.State.Operation = ImageOperation.Enhance;
        await QueueProcessingAsync();
        return Record!;
    }

    public async Task<ImageGeneration> InitializeEditAsync(EditSeed seed)
    {
        if (Record is not null)
        {
            return View!;
        }

        var now = DateTimeOffset.UtcNow;
        var operation = seed.MaskKey is null ? ImageOperation.Enhance : ImageOperation.Inpaint;
        var cost = await ReserveAsync(seed.UsageKey, state.State.Attempt, operation);
        state.State.Record = new ImageGeneration(
            Id, seed.WorkspaceId, seed.UserId, seed.ProjectId, seed.SourceKey, null, seed.Prompt,
            seed.Version, seed.RootId, ImageStatus.Pending, null, seed.Metadata, now, now, cost);
        state.State.Operation = operation;
        state.State.MaskKey = seed.MaskKey;
        await QueueProcessingAsync();
        return Record!;
    }

    public async Task<ImageGeneration> CreateEditAsync(ImageEdit edit)
    {
        var source = Record ?? throw new RequestRejectedException("imageId", "Image generation not found");
        if (source.Status != ImageStatus.Completed || source.ResultImageKey is null)
        {
            throw new TransitionRejectedException(
                $"Only a completed image can be edited; image {source.Id} is {source.Status.ToString().ToLowerInvariant()}.");
        }

        // Reserved before a version number is taken, so an edit past the budget leaves the lineage untouched.
        var usageKey = UsagePeriods.GrainKey(source.WorkspaceId, DateTimeOffset.UtcNow);
        var operation = edit.MaskKey is null ? ImageOperation.Enhance : ImageOperation.Inpaint;
        await GrainFactory.GetGrain<IWorkspaceUsageGrain>(usageKey).ReserveAsync(UsageJobKey(edit.NewImageId, 1), prices.PriceOf(operation));

        var rootId = source.ParentId ?? source.Id;
        var version = rootId == Id
            ? await ReserveVersionAsync(edit.NewImageId)
            : await GrainFactory.GetGrain<IImageLineage>(rootId).ReserveVersionAsync(edit.NewImageId);
        var metadata = new ImageMetadata(
            EditedFrom: source.Id,
            EditedAt: DateTimeOffset.UtcNow,
            EditMode: edit.MaskKey is null ? null : edit.EditMode ?? ImageEditModes.Remove,
            Model: null);
        var seed = new EditSeed(
            source.WorkspaceId, edit.UserId, source.ProjectId, source.ResultImageKey, edit.Prompt, version, rootId, metadata, edit.MaskKey, usageKey);
        return await GrainFactory.GetGrain<IImageLineage>(edit.NewImageId).InitializeEditAsync(seed);
    }

    public async Task<ImageGeneration> RetryAsync()
    {
        var record = Record ?? throw new RequestRejectedException("imageId", "Image generation not found");
        if (record.Status != ImageStatus.Failed)
        {
            throw new TransitionRejectedException(
                $"Only a failed image can be retried; image {record.Id} is {record.Status.ToString().ToLowerInvariant()}.");
        }

        await SettleUsageAsync();
        var cost = await ReserveAsync(UsagePeriods.GrainKey(record.WorkspaceId, DateTimeOffset.UtcNow), state.State.Attempt + 1, state.State.Operation);
        state.State.Attempt++;
        state.State.ProviderTaskId = null;
        state.State.ProviderAcceptedAt = null;
        state.State.Record = MovedTo(ImageStatus.Pending) with { ErrorMessage = null, ResultImageKey = null, Cost = cost };
        await QueueProcessingAsync();
        return Record!;
    }

    public async Task<IReadOnlyList<ImageGeneration>> GetVersionsAsync()
    {
        var record = Record ?? throw new RequestRejectedException("imageId", "Image generation not found");
        var ids = record.ParentId is null
            ? state.State.VersionIds
            : await GrainFactory.GetGrain<IImageLineage>(record.ParentId).GetVersionIdsAsync();
        var versions = await Task.WhenAll(ids.Select(id => id == Id
            ? Task.FromResult(View)
            : GrainFactory.GetGrain<IImageGenerationGrain>(id).GetAsync()));
        return versions.OfType<ImageGeneration>().OrderBy(version => version.Version).ToList();
    }

    public async Task<int> ReserveVersionAsync(string imageId)
    {
        var index = state.State.VersionIds.IndexOf(imageId);
        if (index < 0)
        {
            state.State.VersionIds.Add(imageId);
            await state.WriteOrDeactivateAsync(this);
            index = state.State.VersionIds.Count - 1;
        }

        return index + 1;
    }

    public Task<IReadOnlyList<string>> GetVersionIdsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.VersionIds.ToList());

    public async Task<ImageJob?> BeginProcessingAsync(Guid runId)
    {
        if (Record is not { Status: ImageStatus.Pending or ImageStatus.Processing } record)
        {
            return null;
        }

        _run.Adopt(runId);
        if (record.Status == ImageStatus.Pending)
        {
            state.State.Record = MovedTo(ImageStatus.Processing);
            await state.WriteOrDeactivateAsync(this);
        }

        await ReportAsync(ImageStep.Fetching);
        return new ImageJob(
            Id, Record!.WorkspaceId, state.State.Operation, Record.Metadata?.EditMode, Record.OriginalImageKey, state.State.MaskKey,
            Record.Prompt, UsageJobKey(Id, state.State.Attempt), state.State.ProviderTaskId);
    }

    public async Task<bool> ReportStepAsync(Guid runId, ImageStep step)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        await ReportAsync(step);
        return true;
    }

    public async Task<ProviderSlotAnswer> TakeProviderSlotAsync(Guid runId)
    {
        if (!IsActive(runId))
        {
            return ProviderSlotAnswer.RunEnded;
        }

        // Not held (or the slots grain was unreachable): the run asks again when woken or a little later.
        return await Slot.TakeAsync(alreadyStarted: state.State.ProviderTaskId is not null) ? ProviderSlotAnswer.Held : ProviderSlotAnswer.InLine;
    }

    public async Task OnSlotGrantedAsync(string providerName)
    {
        if (Record is not { Status: ImageStatus.Pending or ImageStatus.Processing })
        {
            await Slot.ReleaseAsync();
            return;
        }

        Slot.Granted();
        wakeups.Wake(Id);
    }

    public async Task<bool> RecordProviderTaskAsync(Guid runId, string providerTaskId)
    {
        if (!IsActive(runId))
        {
            // Nobody will wait on a task submitted by a run that is over (the image was canceled, failed or gave the work
            // to a newer run), so it is canceled, unless it is the very task the image already waits on.
            if (state.State.ProviderTaskId != providerTaskId)
            {
                runner.CancelProviderTask(providerTaskId);
            }

            return false;
        }

        if (state.State.ProviderTaskId != providerTaskId)
        {
            state.State.ProviderTaskId = providerTaskId;
            state.State.ProviderAcceptedAt ??= DateTimeOffset.UtcNow;
            await state.WriteOrDeactivateAsync(this);
        }

        return true;
    }

    public async Task<bool> ReportQueuePositionAsync(Guid runId, int? queuePosition)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        // Shown while it lasts but not written: the next poll reports it again after a restart.
        if (Record!.QueuePosition != queuePosition)
        {
            state.State.Record = Record with { QueuePosition = queuePosition };
            await ReportAsync(ImageStep.Processing);
        }

        return true;
    }

    public async Task<bool> HeartbeatAsync(Guid runId)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        await Slot.RenewIfDueAsync();
        return true;
    }

    public async Task<ImageGeneration> CancelAsync()
    {
        var record = Record ?? throw new RequestRejectedException("imageId", "Image generation not found");
        if (record.Status is not (ImageStatus.Pending or ImageStatus.Processing))
        {
            throw new TransitionRejectedException(
                $"Only a pending or processing image can be canceled; image {record.Id} is {record.Status.ToString().ToLowerInvariant()}.");
        }

        await AbandonAsync(CanceledMessage);
        return Record!;
    }

    public Task<bool> NudgeAsync()
    {
        // A finished image ignores the hint: its run is over and nothing is asked again.
        if (Record is { Status: ImageStatus.Processing } && _run.IsClaimed)
        {
            wakeups.Wake(Id);
        }

        return Task.FromResult(Record is not null);
    }

    public async Task<bool> CompleteAsync(Guid runId, string resultImageKey, string model, int? providerCostCents)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        var estimated = Record!.Cost?.Estimated ?? 0;
        state.State.Record = MovedTo(ImageStatus.Completed) with
        {
            ResultImageKey = resultImageKey,
            ErrorMessage = null,
            Metadata = (Record!.Metadata ?? new ImageMetadata(null, null, null, null)) with { Model = model },
            Cost = new ImageCost(estimated, providerCostCents ?? estimated),
        };
        await FinishAsync();
        return true;
    }

    public async Task FailAsync(Guid runId, string errorMessage)
    {
        if (!IsActive(runId))
        {
            return;
        }

        await FailWithAsync(errorMessage);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var record = Record;
        if (record is null)
        {
            await this.UnregisterReminderIfRegisteredAsync(ResumeReminder);
            return;
        }

        if (record.Status is ImageStatus.Completed or ImageStatus.Failed)
        {
            await ReportTerminalStatusAsync();
            return;
        }

        if (record.Status == ImageStatus.Processing
            && state.State.ProviderAcceptedAt is { } accepted
            && DateTimeOffset.UtcNow - accepted > options.Value.ProcessingTimeout)
        {
            await AbandonAsync($"Processing failed: no result after {options.Value.ProcessingTimeout.TotalMinutes:0.#} minutes");
            return;
        }

        await EnsureTrackedByProjectAsync();
        if (_run.IsStale)
        {
            StartRun();
        }
    }

    /// <summary>Makes sure a reminder will resume the image, persists it pending, makes sure its project counts it, then starts it.</summary>
    private async Task QueueProcessingAsync()
    {
        await this.RegisterReminderOrDeactivateAsync(ResumeReminder, options.Value.ResumeCheckInterval);
        state.State.StatusReportedToProject = null;
        await state.WriteOrDeactivateAsync(this);
        await EnsureTrackedByProjectAsync();
        StartRun();
    }

    private async Task EnsureTrackedByProjectAsync()
    {
        if (state.State.StatusReportedToProject == Record!.Status)
        {
            return;
        }

        await GrainFactory.GetGrain<IProjectImageTracker>(Record.ProjectId).TrackImageAsync(Id, Record.Status);
        state.State.StatusReportedToProject = Record.Status;
        await state.WriteOrDeactivateAsync(this);
    }

    private void StartRun()
    {
        // Replaces any stale run at once and claims the lease, so a reminder tick racing the new run does not start another.
        _run.Claim();
        runner.Start(Id);
    }

    private bool IsActive(Guid runId) => Record is { Status: ImageStatus.Processing } && _run.IsActive(runId);

    /// <summary>The record moved to <paramref name="next"/>; refused unless <see cref="ImageTransitions"/> allows the move.</summary>
    private ImageGeneration MovedTo(ImageStatus next)
    {
        var record = Record!;
        if (!ImageTransitions.IsAllowed(record.Status, next))
        {
            throw new TransitionRejectedException(
                $"Image {Id} cannot go from {record.Status.ToString().ToLowerInvariant()} to {next.ToString().ToLowerInvariant()}.");
        }

        // A move ends any wait in the provider's queue.
        return record with { Status = next, UpdatedAt = DateTimeOffset.UtcNow, QueuePosition = null };
    }

    private async Task ReportAsync(ImageStep step)
    {
        state.State.LastStep = step;
        await GrainFactory.GetGrain<IProjectImageTracker>(Record!.ProjectId).RecordImageProgressAsync(new ImageProgress(
            Id, Record.Status, ImageSteps.NameOf(step), ImageSteps.LabelOf(step, state.State.Operation), ImageSteps.ProgressOf(step), null,
            Record.QueuePosition));
    }

    private async Task FailWithAsync(string errorMessage)
    {
        // Nothing is owed for an attempt the provider never accepted; one it accepted is charged at the table price.
        var estimated = Record!.Cost?.Estimated ?? 0;
        var actual = state.State.ProviderTaskId is null ? 0 : estimated;
        state.State.Record = MovedTo(ImageStatus.Failed) with { ErrorMessage = errorMessage, Cost = new ImageCost(estimated, actual) };
        await FinishAsync();
    }

    /// <summary>Fails the image and has the provider cancel the task nobody waits on any more.</summary>
    private async Task AbandonAsync(string errorMessage)
    {
        // Failed first, so that a run that submits from now on finds itself over and has its task canceled.
        var taskInFlight = state.State.ProviderTaskId;
        await FailWithAsync(errorMessage);
        if (taskInFlight is not null)
        {
            runner.CancelProviderTask(taskInFlight);
        }
    }

    private async Task FinishAsync()
    {
        _run.Release();
        await state.WriteOrDeactivateAsync(this);
        await Slot.ReleaseAsync();
        await ReportTerminalStatusAsync();
    }

    /// <summary>Tells the project the terminal status until it has acknowledged it; only then is the reminder dropped.</summary>
    private async Task ReportTerminalStatusAsync()
    {
        await SettleUsageAsync();
        var record = Record!;
        if (state.State.StatusReportedToProject != record.Status)
        {
            var step = record.Status == ImageStatus.Completed ? ImageStep.Completed : ImageStep.Failed;
            var progress = step == ImageStep.Completed ? 100 : ImageSteps.ProgressOf(state.State.LastStep);
            var label = step == ImageStep.Completed ? ImageSteps.LabelOf(step, state.State.Operation) : record.ErrorMessage ?? "Processing failed";
            await GrainFactory.GetGrain<IProjectImageTracker>(record.ProjectId).RecordImageProgressAsync(new ImageProgress(
                Id, record.Status, ImageSteps.NameOf(step), label, progress, record.ErrorMessage,
                OnceKey: $"{UsageJobKey(Id, state.State.Attempt)}-{ImageSteps.NameOf(step)}"));
            state.State.StatusReportedToProject = record.Status;
            await state.WriteOrDeactivateAsync(this);
        }

        await this.UnregisterReminderIfRegisteredAsync(ResumeReminder);
    }
}
