using AiStudio.Common;
using AiStudio.Persistence;
using AiStudio.Progress;
using AiStudio.Runs;
using AiStudio.Storage;
using AiStudio.Webhooks;
using AiStudio.Workspaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>
/// A video project. Owns its lifecycle (<see cref="VideoProjectTransitions"/>), starts its clips as
/// <see cref="ClipScheduler"/> allows, hands the compile to a runner, and sequences its progress events
/// (<see cref="VideoProjectProgress"/>). It calls its clips and never waits for them to call it (they report one-way),
/// so the two cannot deadlock; a reminder reconciles whatever a lost report or a dead run left behind, and finishes
/// the follow-ups of an ending (terminal event, webhook). Its plan, prices and views are plain classes beside it; its
/// side that the compile runner talks to is in <c>VideoProjectGrain.Compilation.cs</c>.
/// </summary>
public sealed partial class VideoProjectGrain(
    [PersistentState("video-project", "store")] IPersistentState<VideoProjectState> state,
    IProgressEventLog progressLog,
    IVideoCompileRunner compileRunner,
    IBlobStore blobs,
    VideoWebhooks webhooks,
    IOptions<VideoGenerationOptions> options,
    IOptions<VideoPricingOptions> pricing,
    ILogger<VideoProjectGrain> logger)
    : Grain, IVideoProjectGrain, IVideoProjectClipTracker, IVideoProjectCompilation, IRemindable
{
    private const string WatchReminder = "watch-video-project";

    private readonly RunLease _compile = new(TimeProvider.System, options.Value.StaleRunAfter);
    private ProgressChannel _progress = null!;
    private VideoProjectClips _clips = null!;

    private string Id => this.GetPrimaryKeyString();
    private VideoProjectState Project => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _progress = await ProgressChannel.OpenAsync(
            progressLog, this.GetStreamProvider(ProgressStreams.ProviderName), ProgressStreams.VideoProjectNamespace, Id, logger);
        _clips = new VideoProjectClips(GrainFactory, logger, Id);
        if (Project.Exists && Project.Status == VideoProjectStatus.Compiling)
        {
            StartCompileRun();
        }
    }

    public Task<VideoStatus?> GetAsync() => Task.FromResult(Project.Exists ? VideoProjectViews.StatusOf(Id, Project) : null);

    public async Task<VideoStatus> CreateAsync(NewVideoProject request)
    {
        if (Project.Exists)
        {
            await EnsureInitializedAsync();
            return VideoProjectViews.StatusOf(Id, Project);
        }

        NewVideoProjectValidator.Validate(request);
        state.State = VideoProjectPlanner.NewProject(request, pricing.Value, DateTimeOffset.UtcNow);
        await state.WriteOrDeactivateAsync(this);
        await EnsureInitializedAsync();
        return VideoProjectViews.StatusOf(Id, Project);
    }

    public async Task<IReadOnlyList<VideoClipView>?> GetClipsAsync() => Project.Exists ? await _clips.ViewsAsync(Project) : null;

    public async Task<VideoStatus> GenerateAsync()
    {
        RequireExists();
        await EnsureInitializedAsync();
        if (Project.Status != VideoProjectStatus.Draft)
        {
            throw new TransitionRejectedException($"Only a draft can be generated; video project {Id} is {Lower(Project.Status)}.");
        }

        if (Project.Segments.Count == 0)
        {
            throw new RequestRejectedException("clips", VideoErrors.NoClips);
        }

        await ReserveRunAsync(1);
        await this.RegisterReminderOrDeactivateAsync(WatchReminder, options.Value.ResumeCheckInterval);
        Project.Run = 1;
        MoveTo(VideoProjectStatus.Generating);
        VideoProjectProgress.Starting(Project);
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();

        VideoProjectProgress.Generating(Project);
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        compileRunner.PrepareSoundtrack(Id);
        await ScheduleAsync();
        return VideoProjectViews.StatusOf(Id, Project);
    }

    public async Task<VideoStatus> RetryAsync()
    {
        RequireExists();
        if (Project.Status != VideoProjectStatus.Failed)
        {
            throw new TransitionRejectedException($"Only a failed video project can be retried; video project {Id} is {Lower(Project.Status)}.");
        }

        await SettleUsageAsync();
        await ReserveRunAsync(Project.Run + 1);
        await this.RegisterReminderOrDeactivateAsync(WatchReminder, options.Value.ResumeCheckInterval);
        ClipScheduler.BeginRetry(Project);
        Project.ErrorMessage = null;
        Project.ActualCost = null;
        Project.Output = null;
        // The previous ending is over: its follow-ups that did not happen yet are no longer wanted.
        Project.EndingPublished = Project.Endings;
        Project.EndingWebhookScheduled = Project.Endings;
        MoveTo(VideoProjectStatus.Generating);
        VideoProjectProgress.Retrying(Project);
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        compileRunner.PrepareSoundtrack(Id);
        await ScheduleAsync();
        return VideoProjectViews.StatusOf(Id, Project);
    }

    public async Task<VideoStatus> CancelAsync()
    {
        RequireExists();
        if (Project.Status is not (VideoProjectStatus.Generating or VideoProjectStatus.Compiling))
        {
            throw new TransitionRejectedException($"Only a generating or compiling video project can be canceled; video project {Id} is {Lower(Project.Status)}.");
        }

        EndFailed(VideoErrors.Canceled);
        await state.WriteOrDeactivateAsync(this);
        await StopGeneratingClipsAsync();
        await FollowUpEndingAsync();
        return VideoProjectViews.StatusOf(Id, Project);
    }

    public async Task<bool> DeleteAsync()
    {
        if (!Project.Exists)
        {
            return false;
        }

        _compile.Release();
        if (Project.Soundtrack is { } soundtrack)
        {
            compileRunner.Discard(soundtrack);
        }

        await SettleUsageAsync();
        await _clips.DeleteAsync(Project);
        await blobs.DeletePrefixAsync(BlobKeys.VideoProjectFolder(Project.WorkspaceId, Id));
        await _progress.DeleteAsync();
        await GrainFactory.GetGrain<IWorkspaceGrain>(Project.WorkspaceId).RemoveVideoProjectAsync(Id);
        await this.UnregisterReminderIfRegisteredAsync(WatchReminder);
        await state.ClearOrDeactivateAsync(this);
        DeactivateOnIdle();
        return true;
    }

    public async Task<ProgressReplay?> GetProgressSinceAsync(long afterSequence)
    {
        if (!Project.Exists)
        {
            return null;
        }

        return await _progress.ReplayAsync(afterSequence, VideoProjectViews.CurrentEvent(Id, Project));
    }

    public async Task OnClipChangedAsync(ClipReport report)
    {
        if (!Project.Exists || !ClipScheduler.Apply(Project, report, out var segment))
        {
            return;
        }

        Project.UpdatedAt = DateTimeOffset.UtcNow;
        if (Project.Status == VideoProjectStatus.Generating)
        {
            VideoProjectProgress.Generating(Project);
        }

        await state.WriteOrDeactivateAsync(this);
        if (Project.Status == VideoProjectStatus.Generating)
        {
            await PublishAsync(segment);
            await ScheduleAsync();
        }
    }

    public async Task OnClipQueuePositionChangedAsync(ClipReport report, int? queuePosition)
    {
        if (Project.Status == VideoProjectStatus.Generating
            && report.Run == Project.Run
            && Project.Segments.Find(segment => segment.ClipId == report.View.Id) is { Status: ClipStatus.Generating } segment)
        {
            await PublishEventAsync(VideoProjectViews.QueueEventAbout(Id, Project, segment, queuePosition));
        }
    }

    public Task<string?> GetRunStopReasonAsync(int run) => Task.FromResult(
        Project.Exists && Project.Status == VideoProjectStatus.Generating && Project.Run == run
            ? null
            : Project.ErrorMessage ?? VideoErrors.Canceled);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Project.Exists || Project.Status == VideoProjectStatus.Draft)
        {
            await this.UnregisterReminderIfRegisteredAsync(WatchReminder);
            return;
        }

        switch (Project.Status)
        {
            case VideoProjectStatus.Generating:
                await ReconcileAsync();
                await ScheduleAsync();
                break;
            case VideoProjectStatus.Compiling when DateTimeOffset.UtcNow - Project.CompilingSince > options.Value.CompileTimeout:
                await FailAsync(VideoErrors.CompilationFailed);
                break;
            case VideoProjectStatus.Compiling:
                if (_compile.IsStale)
                {
                    StartCompileRun();
                }

                break;
            default:
                await StopGeneratingClipsAsync();
                await FollowUpEndingAsync();
                break;
        }
    }

    /// <summary>Starts what may start, or moves on: fails the run once its clips in flight ended after a failure, compiles once all completed.</summary>
    private async Task ScheduleAsync()
    {
        if (Project.Status != VideoProjectStatus.Generating)
        {
            return;
        }

        if (ClipScheduler.RunHasFailed(Project))
        {
            await FailAsync(Project.RunFailure!);
            return;
        }

        if (ClipScheduler.IsReadyToCompile(Project))
        {
            await StartCompilingAsync();
            return;
        }

        var starting = ClipScheduler.NextToStart(Project, options.Value.MaxClipsInFlightPerProject);
        if (starting.Count == 0)
        {
            return;
        }

        // Intent first: a crash from here on leaves segments the reminder finds generating and starts again.
        foreach (var segment in starting)
        {
            segment.Status = ClipStatus.Generating;
            segment.ErrorMessage = null;
        }

        Project.UpdatedAt = DateTimeOffset.UtcNow;
        await state.WriteOrDeactivateAsync(this);

        var changed = ClipScheduler.ApplyAll(Project, await _clips.StartAsync(starting, Project.Run));
        foreach (var segment in starting)
        {
            await PublishAsync(segment);
        }

        if (changed)
        {
            VideoProjectProgress.Generating(Project);
            await state.WriteOrDeactivateAsync(this);
            await ScheduleAsync();
        }
    }

    /// <summary>Applies what the clips it believes generating say and it missed; a clip whose start was lost is started again.</summary>
    private async Task ReconcileAsync()
    {
        if (ClipScheduler.ApplyAll(Project, await _clips.ReconcileAsync(Project)))
        {
            VideoProjectProgress.Generating(Project);
            await state.WriteOrDeactivateAsync(this);
            await PublishAsync();
        }
    }

    /// <summary>Tells every clip still generating to stop; a clip that cannot be reached is told again by the reminder.</summary>
    private async Task StopGeneratingClipsAsync()
    {
        if (ClipScheduler.ApplyAll(Project, await _clips.StopAsync(Project, Project.ErrorMessage ?? VideoErrors.Canceled)))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    private async Task FailAsync(string errorMessage)
    {
        EndFailed(errorMessage);
        await state.WriteOrDeactivateAsync(this);
        await FollowUpEndingAsync();
    }

    private void EndFailed(string errorMessage)
    {
        _compile.Release();
        MoveTo(VideoProjectStatus.Failed);
        Project.ErrorMessage = errorMessage;
        Project.RunFailure = null;
        // Settled (and shown again) once the ending is followed up; a failed run costs the clips it completed.
        Project.ActualCost = VideoCostCalculator.DoneSoFar(Project);
        VideoProjectProgress.Failed(Project, errorMessage);
        Project.Endings++;
    }

    /// <summary>
    /// Publishes the ending's terminal event and hands its webhook to a delivery grain, each once; the reminder stays
    /// until both happened and no clip is left generating, so a failure here is made good on its next tick.
    /// </summary>
    private async Task FollowUpEndingAsync()
    {
        if (Project.Status is not (VideoProjectStatus.Completed or VideoProjectStatus.Failed))
        {
            return;
        }

        await SettleUsageAsync();
        if (Project.EndingPublished < Project.Endings)
        {
            await PublishAsync();
            Project.EndingPublished = Project.Endings;
            await state.WriteOrDeactivateAsync(this);
        }

        if (Project.WebhookUrl is { } url && Project.EndingWebhookScheduled < Project.Endings)
        {
            var message = webhooks.Compose(VideoProjectViews.StatusOf(Id, Project), url, Project.WebhookSecret);
            await GrainFactory.GetGrain<IWebhookDeliveryGrain>(WebhookDeliveryKeys.For(Id, Project.Endings)).ScheduleAsync(message);
            Project.EndingWebhookScheduled = Project.Endings;
            await state.WriteOrDeactivateAsync(this);
        }

        if (Project.Segments.All(segment => segment.Status != ClipStatus.Generating))
        {
            await this.UnregisterReminderIfRegisteredAsync(WatchReminder);
        }
    }

    private async Task EnsureInitializedAsync()
    {
        if (Project.Initialized)
        {
            return;
        }

        await _clips.InitializeAsync(Project);
        await GrainFactory.GetGrain<IWorkspaceGrain>(Project.WorkspaceId).AddVideoProjectAsync(Id);
        Project.Initialized = true;
        await state.WriteOrDeactivateAsync(this);
    }

    private void RequireExists()
    {
        if (!Project.Exists)
        {
            throw new RequestRejectedException("videoProjectId", VideoErrors.ProjectNotFound);
        }
    }

    private void MoveTo(VideoProjectStatus next)
    {
        if (!VideoProjectTransitions.IsAllowed(Project.Status, next))
        {
            throw new TransitionRejectedException($"Video project {Id} cannot go from {Lower(Project.Status)} to {Lower(next)}.");
        }

        Project.Status = next;
        Project.UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Publishes the current step; <paramref name="about"/> names the segment the event is about.</summary>
    private Task PublishAsync(VideoSegment? about = null) =>
        PublishEventAsync(about is null ? VideoProjectViews.CurrentEvent(Id, Project) : VideoProjectViews.EventAbout(Id, Project, about));

    private async Task PublishEventAsync(ProgressEvent progressEvent) =>
        await _progress.PublishAsync(progressEvent with { OccurredAt = DateTimeOffset.UtcNow });

    private static string Lower(VideoProjectStatus status) => VideoProjectViews.NameOf(status);
}
