using AiStudio.Common;
using AiStudio.Limits;
using AiStudio.Persistence;
using AiStudio.Providers;
using AiStudio.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>
/// One clip or transition. Transitions: pending -> generating -> completed | failed, and failed -> generating when
/// its project retries; nothing else. Generating means the clip holds (or waits in line for) one of its provider's
/// cluster-wide slots; the run submits, records the task, waits, stores the file. A reminder resumes a clip whose
/// run died, re-attaching to the recorded task instead of submitting again. The timeout counts from when the provider
/// accepted the task, not from waiting for a slot. A clip stopped or timed out has its provider task canceled.
/// </summary>
public sealed class VideoClipGrain(
    [PersistentState("video-clip", "store")] IPersistentState<VideoClipState> state,
    IVideoClipRunner runner,
    ProviderPollWakeups wakeups,
    IOptions<VideoGenerationOptions> options,
    IOptions<ProviderSlotsOptions> slotOptions,
    ILogger<VideoClipGrain> logger) : Grain, IVideoClipGrain, IVideoClipGeneration, IClipJobHint, IProviderSlotWaiter, IRemindable
{
    private const string ResumeReminder = "resume-clip";

    private readonly RunLease _run = new(TimeProvider.System, options.Value.StaleRunAfter);
    private ProviderSlotHold? _slot;

    private string Id => this.GetPrimaryKeyString();
    private VideoClipSetup? Setup => state.State.Setup;

    /// <summary>The clip's place with its provider's slots, held under the clip's own key.</summary>
    private ProviderSlotHold Slot => _slot ??= new ProviderSlotHold(GrainFactory, runner.ProviderName, Id, slotOptions.Value.ProviderLeaseDuration, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Setup is not null && state.State.Status == ClipStatus.Generating)
        {
            await ResumeAsync();
        }
    }

    public async Task<ClipReport> InitializeAsync(VideoClipSetup setup)
    {
        if (Setup is null)
        {
            state.State.Setup = setup;
            state.State.Status = ClipStatus.Pending;
            state.State.UpdatedAt = DateTimeOffset.UtcNow;
            await state.WriteOrDeactivateAsync(this);
        }

        return Report();
    }

    public Task<ClipReport?> GetReportAsync() => Task.FromResult(Setup is null ? null : Report());

    public async Task<ClipReport> StartAsync(int run)
    {
        if (Setup is null)
        {
            throw new RequestRejectedException("clipId", "Video clip not found");
        }

        switch (state.State.Status)
        {
            case ClipStatus.Completed:
            case ClipStatus.Failed when state.State.Run >= run:
                return Report();
            case ClipStatus.Generating:
                if (run > state.State.Run)
                {
                    state.State.Run = run;
                    await state.WriteOrDeactivateAsync(this);
                }

                await ResumeAsync();
                return Report();
        }

        await this.RegisterReminderOrDeactivateAsync(ResumeReminder, options.Value.ResumeCheckInterval);
        MoveTo(ClipStatus.Generating);
        state.State.Run = run;
        state.State.Attempt++;
        state.State.ProviderTaskId = null;
        state.State.AcceptedAt = null;
        state.State.ClipKey = null;
        state.State.ErrorMessage = null;
        await state.WriteOrDeactivateAsync(this);
        await ResumeAsync();
        return Report();
    }

    public async Task<ClipReport?> StopAsync(string reason)
    {
        if (Setup is null)
        {
            return null;
        }

        if (state.State.Status == ClipStatus.Generating)
        {
            await AbandonAsync(reason);
        }

        return Report();
    }

    public async Task DeleteAsync()
    {
        _run.Release();
        if (Setup is not null && state.State.Status == ClipStatus.Generating)
        {
            await Slot.ReleaseAsync();
            CancelProviderTask();
        }

        await this.UnregisterReminderIfRegisteredAsync(ResumeReminder);
        await state.ClearOrDeactivateAsync(this);
        DeactivateOnIdle();
    }

    public async Task OnSlotGrantedAsync(string providerName)
    {
        if (Setup is null || state.State.Status != ClipStatus.Generating)
        {
            await Slot.ReleaseAsync();
            return;
        }

        Slot.Granted();
        if (!_run.IsClaimed)
        {
            StartRun();
        }
    }

    public Task<VideoClipJob?> BeginAsync(Guid runId)
    {
        if (Setup is not { } setup || state.State.Status != ClipStatus.Generating)
        {
            return Task.FromResult<VideoClipJob?>(null);
        }

        _run.Adopt(runId);
        return Task.FromResult<VideoClipJob?>(new VideoClipJob(
            Id, setup, $"{Id}-{state.State.Attempt}", state.State.ProviderTaskId, Deadline(), state.State.Run));
    }

    public async Task<bool> RecordProviderTaskAsync(Guid runId, string providerTaskId)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        if (state.State.ProviderTaskId != providerTaskId)
        {
            state.State.ProviderTaskId = providerTaskId;
            await state.WriteOrDeactivateAsync(this);
        }

        return true;
    }

    public async Task<DateTimeOffset?> ProviderAcceptedAsync(Guid runId)
    {
        if (!IsActive(runId))
        {
            return null;
        }

        if (state.State.AcceptedAt is null)
        {
            state.State.AcceptedAt = DateTimeOffset.UtcNow;
            await state.WriteOrDeactivateAsync(this);
        }

        return Deadline();
    }

    public async Task<bool> ReportQueuePositionAsync(Guid runId, int? queuePosition)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        await GrainFactory.GetGrain<IVideoProjectClipTracker>(Setup!.VideoProjectId).OnClipQueuePositionChangedAsync(Report(), queuePosition);
        return true;
    }

    public Task<bool> NudgeAsync()
    {
        // A finished clip ignores the hint: its run is over and nothing is asked again.
        if (state.State.Status == ClipStatus.Generating && _run.IsClaimed)
        {
            wakeups.Wake(Id);
        }

        return Task.FromResult(Setup is not null);
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

    public async Task<bool> CompleteAsync(Guid runId, string clipKey)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        state.State.ClipKey = clipKey;
        state.State.ErrorMessage = null;
        MoveTo(ClipStatus.Completed);
        await FinishAsync();
        return true;
    }

    public async Task<bool> FailAsync(Guid runId, string errorMessage)
    {
        if (!IsActive(runId))
        {
            return false;
        }

        state.State.ErrorMessage = errorMessage;
        MoveTo(ClipStatus.Failed);
        await FinishAsync();
        return true;
    }

    public async Task EndWithProjectAsync(Guid runId, int run, string reason)
    {
        if (!IsActive(runId))
        {
            return;
        }

        if (state.State.Run != run)
        {
            // Its project started a later run while this one asked about the earlier: a fresh run asks again.
            StartRun();
            return;
        }

        await AbandonAsync(reason);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Setup is null || state.State.Status != ClipStatus.Generating)
        {
            await this.UnregisterReminderIfRegisteredAsync(ResumeReminder);
            return;
        }

        if (Deadline() is { } deadline && DateTimeOffset.UtcNow >= deadline)
        {
            await AbandonAsync(VideoErrors.ClipTimeout(Id));
            return;
        }

        await ResumeAsync();
    }

    /// <summary>Makes sure a live run works on the clip: holds a slot (or waits in line for one) and starts a run when none is alive.</summary>
    private async Task ResumeAsync()
    {
        if (!_run.IsStale)
        {
            return;
        }

        // Without a slot the clip waits in line (or, when the slots grain cannot be reached, for its reminder to ask again).
        if (!Slot.IsHeld && !await Slot.TakeAsync(alreadyStarted: state.State.ProviderTaskId is not null))
        {
            return;
        }

        StartRun();
    }

    private void StartRun()
    {
        // Replaces any stale run at once and claims the lease, so a reminder tick racing the new run does not start another.
        _run.Claim();
        runner.Start(Id);
    }

    private bool IsActive(Guid runId) => state.State.Status == ClipStatus.Generating && _run.IsActive(runId);

    private DateTimeOffset? Deadline() => state.State.AcceptedAt + options.Value.ClipTimeout;

    /// <summary>generating -> failed for a reason of ours (stopped, timed out, project over): the provider task in flight is no longer wanted.</summary>
    private async Task AbandonAsync(string reason)
    {
        state.State.ErrorMessage = reason;
        MoveTo(ClipStatus.Failed);
        await FinishAsync();
        CancelProviderTask();
    }

    private void CancelProviderTask()
    {
        if (state.State.ProviderTaskId is { } taskId)
        {
            runner.CancelProviderTask(Id, taskId);
        }
    }

    private async Task FinishAsync()
    {
        _run.Release();
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
        await state.WriteOrDeactivateAsync(this);
        await Slot.ReleaseAsync();
        await this.UnregisterReminderIfRegisteredAsync(ResumeReminder);
        await GrainFactory.GetGrain<IVideoProjectClipTracker>(Setup!.VideoProjectId).OnClipChangedAsync(Report());
    }

    private void MoveTo(ClipStatus next)
    {
        if (!VideoClipTransitions.IsAllowed(state.State.Status, next))
        {
            throw new TransitionRejectedException(
                $"Clip {Id} cannot go from {state.State.Status.ToString().ToLowerInvariant()} to {next.ToString().ToLowerInvariant()}.");
        }

        state.State.Status = next;
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
    }

    private ClipReport Report()
    {
        var setup = Setup!;
        return new ClipReport(
            new VideoClipView(Id, setup.SequenceOrder, setup.Kind, state.State.Status, state.State.ClipKey, state.State.ErrorMessage),
            state.State.Run);
    }
}
