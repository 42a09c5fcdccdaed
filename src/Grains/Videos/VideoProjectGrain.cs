using AiStudio.Common;
using AiStudio.Media.Video;
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
/// A video project. Owns its lifecycle (<see cref="VideoProjectTransitions"/>), schedules its clips (at most
/// <see cref="VideoGenerationOptions.MaxClipsInFlightPerProject"/> at once, a transition once both neighbours are
/// completed), hands the compile to a runner, and sequences its progress events. It calls its clips and never waits
/// for them to call it (they report one-way), so the two cannot deadlock; a reminder reconciles whatever a lost
/// report or a dead run left behind, and finishes the follow-ups of an ending (terminal event, webhook).
/// </summary>
public sealed class VideoProjectGrain(
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

    private string Id => this.GetPrimaryKeyString();
    private VideoProjectState Project => state.State;
    private int CompletedCount => Project.Segments.Count(segment => segment.Status == ClipStatus.Completed);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _progress = await ProgressChannel.OpenAsync(
            progressLog, this.GetStreamProvider(ProgressStreams.ProviderName), ProgressStreams.VideoProjectNamespace, Id, logger);
        if (Project.Exists && Project.Status == VideoProjectStatus.Compiling)
        {
            StartCompileRun();
        }
    }

    public Task<VideoStatus?> GetAsync() => Task.FromResult(Project.Exists ? ToStatus() : null);

    public async Task<VideoStatus> CreateAsync(NewVideoProject request)
    {
        if (Project.Exists)
        {
            await EnsureInitializedAsync();
            return ToStatus();
        }

        Validate(request);
        var prices = pricing.Value;
        var now = DateTimeOffset.UtcNow;
        Project.Exists = true;
        Project.WorkspaceId = request.WorkspaceId;
        Project.UserId = request.UserId;
        Project.Name = request.Name;
        Project.Status = VideoProjectStatus.Draft;
        Project.Segments = PlanSegments(request, prices);
        Project.BackgroundMusic = request.BackgroundMusic;
        Project.AmbientAudio = request.AmbientAudio;
        Project.AspectRatio = request.AspectRatio;
        Project.WebhookUrl = request.WebhookUrl;
        Project.WebhookSecret = request.WebhookSecret;
        Project.CompilePriceCents = prices.CompilePrice(request.AmbientAudio);
        Project.EstimatedCost = Project.Segments.Sum(segment => segment.PriceCents) + Project.CompilePriceCents;
        Project.CreatedAt = now;
        Project.UpdatedAt = now;
        await state.WriteOrDeactivateAsync(this);
        await EnsureInitializedAsync();
        return ToStatus();
    }

    public async Task<IReadOnlyList<VideoClipView>?> GetClipsAsync()
    {
        if (!Project.Exists)
        {
            return null;
        }

        var segments = Project.Segments.ToList();
        var reports = await Task.WhenAll(segments.Select(segment => GrainFactory.GetGrain<IVideoClipGrain>(segment.ClipId).GetReportAsync()));
        return segments
            .Select((segment, index) => reports[index]?.View ?? ViewOf(segment))
            .OrderBy(view => view.SequenceOrder)
            .ToList();
    }

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

        await this.RegisterReminderOrDeactivateAsync(WatchReminder, options.Value.ResumeCheckInterval);
        Project.Run = 1;
        MoveTo(VideoProjectStatus.Generating);
        Advance(VideoProjectSteps.Starting, VideoProjectSteps.StartingLabel, VideoProjectSteps.StartingProgress);
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();

        AdvanceGenerating();
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        compileRunner.PrepareSoundtrack(Id);
        await ScheduleAsync();
        return ToStatus();
    }

    public async Task<VideoStatus> RetryAsync()
    {
        RequireExists();
        if (Project.Status != VideoProjectStatus.Failed)
        {
            throw new TransitionRejectedException($"Only a failed video project can be retried; video project {Id} is {Lower(Project.Status)}.");
        }

        await this.RegisterReminderOrDeactivateAsync(WatchReminder, options.Value.ResumeCheckInterval);
        Project.Run++;
        Project.RunFailure = null;
        Project.ErrorMessage = null;
        Project.ActualCost = null;
        Project.Output = null;
        // The previous ending is over: its follow-ups that did not happen yet are no longer wanted.
        Project.EndingPublished = Project.Endings;
        Project.EndingWebhookScheduled = Project.Endings;
        foreach (var segment in Project.Segments.Where(segment => segment.Status != ClipStatus.Completed))
        {
            segment.Status = ClipStatus.Pending;
            segment.ErrorMessage = null;
        }

        MoveTo(VideoProjectStatus.Generating);
        AdvanceGenerating();
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        compileRunner.PrepareSoundtrack(Id);
        await ScheduleAsync();
        return ToStatus();
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
        return ToStatus();
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

        await Task.WhenAll(Project.Segments.Select(segment => GrainFactory.GetGrain<IVideoClipGrain>(segment.ClipId).DeleteAsync()));
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

        return await _progress.ReplayAsync(afterSequence, CurrentEvent());
    }

    public async Task OnClipChangedAsync(ClipReport report)
    {
        if (!Project.Exists || !Apply(report, out var segment))
        {
            return;
        }

        Project.UpdatedAt = DateTimeOffset.UtcNow;
        if (Project.Status == VideoProjectStatus.Generating)
        {
            AdvanceGenerating();
        }

        await state.WriteOrDeactivateAsync(this);
        if (Project.Status == VideoProjectStatus.Generating)
        {
            await PublishAsync(segment);
            await ScheduleAsync();
        }
    }

    public Task<VideoCompileJob?> BeginCompileAsync(Guid runId)
    {
        if (!Project.Exists || Project.Status != VideoProjectStatus.Compiling)
        {
            return Task.FromResult<VideoCompileJob?>(null);
        }

        _compile.Adopt(runId);
        return Task.FromResult<VideoCompileJob?>(new VideoCompileJob(
            Id,
            Project.Segments.OrderBy(segment => segment.SequenceOrder).Select(segment => segment.ClipKey!).ToList(),
            Project.BackgroundMusic,
            Project.AmbientAudio,
            Project.AspectRatio,
            VideoBlobKeys.FinalVideo(Project.WorkspaceId, Id),
            VideoBlobKeys.Thumbnail(Project.WorkspaceId, Id),
            Project.Soundtrack));
    }

    public async Task<bool> ReportCompileProgressAsync(Guid runId, int progress)
    {
        if (!IsCompileActive(runId))
        {
            return false;
        }

        var bounded = Math.Clamp(progress, VideoProjectSteps.CompilingProgress, VideoProjectSteps.PublishingProgress);
        if (bounded > (Project.StepProgress ?? 0))
        {
            Advance(VideoProjectSteps.Compiling, VideoProjectSteps.CompilingLabel, bounded);
            await state.WriteOrDeactivateAsync(this);
            await PublishAsync();
        }

        return true;
    }

    public async Task<bool> CompleteCompileAsync(Guid runId, VideoOutput output)
    {
        if (!IsCompileActive(runId))
        {
            return false;
        }

        _compile.Release();
        Project.Output = output;
        if (Project.Soundtrack is { } soundtrack)
        {
            compileRunner.Discard(soundtrack);
            Project.Soundtrack = null;
        }
        // Work actually done: every segment completed once (a retry never regenerates them) and this compile.
        Project.ActualCost = Project.Segments.Where(segment => segment.Status == ClipStatus.Completed).Sum(segment => segment.PriceCents)
            + Project.CompilePriceCents;
        MoveTo(VideoProjectStatus.Completed);
        Advance(VideoProjectSteps.Completed, VideoProjectSteps.CompletedLabel, VideoProjectSteps.CompletedProgress);
        Project.Endings++;
        await state.WriteOrDeactivateAsync(this);
        await FollowUpEndingAsync();
        return true;
    }

    public async Task FailCompileAsync(Guid runId, string errorMessage)
    {
        if (!IsCompileActive(runId))
        {
            return;
        }

        EndFailed(errorMessage);
        await state.WriteOrDeactivateAsync(this);
        await FollowUpEndingAsync();
    }

    public Task<SoundtrackPlan?> GetSoundtrackPlanAsync()
    {
        if (!Project.Exists || Project.Soundtrack is not null || Project.Status != VideoProjectStatus.Generating)
        {
            return Task.FromResult<SoundtrackPlan?>(null);
        }

        // Clips last what they were asked for; each transition adds the profile's fixed length.
        var seconds = Project.Segments.Sum(segment => segment.Kind == ClipKind.Transition ? VideoEncodingProfile.TransitionSeconds : segment.DurationSeconds);
        return Task.FromResult<SoundtrackPlan?>(new SoundtrackPlan(Project.BackgroundMusic, Project.AmbientAudio, seconds));
    }

    public async Task<bool> RecordSoundtrackAsync(PreparedSoundtrack soundtrack)
    {
        // Once compiling, the run under way renders its own: a soundtrack arriving now would only be left over.
        if (!Project.Exists || Project.Soundtrack is not null || Project.Status != VideoProjectStatus.Generating)
        {
            return false;
        }

        Project.Soundtrack = soundtrack;
        await state.WriteOrDeactivateAsync(this);
        return true;
    }

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
                EndFailed(VideoErrors.CompilationFailed);
                await state.WriteOrDeactivateAsync(this);
                await FollowUpEndingAsync();
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

        var generating = Project.Segments.Count(segment => segment.Status == ClipStatus.Generating);
        if (Project.RunFailure is { } failure)
        {
            if (generating == 0)
            {
                EndFailed(failure);
                await state.WriteOrDeactivateAsync(this);
                await FollowUpEndingAsync();
            }

            return;
        }

        if (Project.Segments.All(segment => segment.Status == ClipStatus.Completed))
        {
            await StartCompilingAsync();
            return;
        }

        var starting = Project.Segments
            .Where(IsStartable)
            .OrderBy(segment => segment.SequenceOrder)
            .Take(Math.Max(0, options.Value.MaxClipsInFlightPerProject - generating))
            .ToList();
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

        var reports = await Task.WhenAll(starting.Select(segment => StartClipAsync(segment.ClipId)));
        var changed = false;
        foreach (var report in reports.OfType<ClipReport>())
        {
            changed |= Apply(report, out _);
        }

        foreach (var segment in starting)
        {
            await PublishAsync(segment);
        }

        if (changed)
        {
            AdvanceGenerating();
            await state.WriteOrDeactivateAsync(this);
            await ScheduleAsync();
        }
    }

    private bool IsStartable(VideoSegment segment)
    {
        if (segment.Status != ClipStatus.Pending)
        {
            return false;
        }

        if (segment.Kind == ClipKind.Clip)
        {
            return true;
        }

        var index = Project.Segments.IndexOf(segment);
        return Project.Segments[index - 1].Status == ClipStatus.Completed && Project.Segments[index + 1].Status == ClipStatus.Completed;
    }

    private async Task<ClipReport?> StartClipAsync(string clipId)
    {
        try
        {
            return await GrainFactory.GetGrain<IVideoClipGrain>(clipId).StartAsync(Project.Run);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Starting clip {ClipId} of video project {VideoProjectId} failed; the reminder starts it again", clipId, Id);
            return null;
        }
    }

    /// <summary>Reads every clip the project believes is generating: applies what it missed, and starts again a clip whose start was lost.</summary>
    private async Task ReconcileAsync()
    {
        var changed = false;
        foreach (var segment in Project.Segments.Where(segment => segment.Status == ClipStatus.Generating).ToList())
        {
            var clip = GrainFactory.GetGrain<IVideoClipGrain>(segment.ClipId);
            try
            {
                var report = await clip.GetReportAsync() ?? await clip.InitializeAsync(SetupOf(segment));
                if (report.View.Status == ClipStatus.Pending || (report.View.Status == ClipStatus.Failed && report.Run < Project.Run))
                {
                    report = await clip.StartAsync(Project.Run);
                }

                changed |= Apply(report, out _);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Reconciling clip {ClipId} of video project {VideoProjectId} failed", segment.ClipId, Id);
            }
        }

        if (changed)
        {
            AdvanceGenerating();
            await state.WriteOrDeactivateAsync(this);
            await PublishAsync();
        }
    }

    /// <summary>Takes in a clip's report; false when it tells nothing new (or is stale: a failure from an earlier run).</summary>
    private bool Apply(ClipReport report, out VideoSegment? segment)
    {
        segment = Project.Segments.Find(candidate => candidate.ClipId == report.View.Id);
        if (segment is null)
        {
            return false;
        }

        switch (report.View.Status)
        {
            case ClipStatus.Completed when segment.Status != ClipStatus.Completed:
                segment.Status = ClipStatus.Completed;
                segment.ClipKey = report.View.ClipKey;
                segment.ErrorMessage = null;
                return true;
            case ClipStatus.Failed when report.Run == Project.Run && segment.Status == ClipStatus.Generating:
                segment.Status = ClipStatus.Failed;
                segment.ErrorMessage = report.View.ErrorMessage;
                if (Project.Status == VideoProjectStatus.Generating)
                {
                    Project.RunFailure ??= report.View.ErrorMessage ?? "Clip generation failed";
                }

                return true;
            default:
                return false;
        }
    }

    private async Task StartCompilingAsync()
    {
        MoveTo(VideoProjectStatus.Compiling);
        Project.CompilingSince = DateTimeOffset.UtcNow;
        Advance(VideoProjectSteps.Compiling, VideoProjectSteps.CompilingLabel, VideoProjectSteps.CompilingProgress);
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        StartCompileRun();
    }

    private void StartCompileRun()
    {
        // Replaces any stale run at once, so its late reports are refused.
        _compile.Claim();
        compileRunner.Start(Id);
    }

    private bool IsCompileActive(Guid runId) => Project.Status == VideoProjectStatus.Compiling && _compile.IsActive(runId);

    /// <summary>Tells every clip still generating to stop; a clip that cannot be reached is told again by the reminder.</summary>
    private async Task StopGeneratingClipsAsync()
    {
        var generating = Project.Segments.Where(segment => segment.Status == ClipStatus.Generating).ToList();
        if (generating.Count == 0)
        {
            return;
        }

        var reports = await Task.WhenAll(generating.Select(async segment =>
        {
            try
            {
                return await GrainFactory.GetGrain<IVideoClipGrain>(segment.ClipId).StopAsync(Project.ErrorMessage ?? VideoErrors.Canceled);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Stopping clip {ClipId} of video project {VideoProjectId} failed", segment.ClipId, Id);
                return null;
            }
        }));

        var changed = false;
        foreach (var report in reports.OfType<ClipReport>())
        {
            changed |= Apply(report, out _);
        }

        if (changed)
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    private void EndFailed(string errorMessage)
    {
        _compile.Release();
        MoveTo(VideoProjectStatus.Failed);
        Project.ErrorMessage = errorMessage;
        Project.RunFailure = null;
        Advance(VideoProjectSteps.Failed, errorMessage, Project.StepProgress ?? 0);
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

        if (Project.EndingPublished < Project.Endings)
        {
            await PublishAsync();
            Project.EndingPublished = Project.Endings;
            await state.WriteOrDeactivateAsync(this);
        }

        if (Project.WebhookUrl is { } url && Project.EndingWebhookScheduled < Project.Endings)
        {
            var message = webhooks.Compose(ToStatus(), url, Project.WebhookSecret);
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

        await Task.WhenAll(Project.Segments.Select(segment => GrainFactory.GetGrain<IVideoClipGrain>(segment.ClipId).InitializeAsync(SetupOf(segment))));
        await GrainFactory.GetGrain<IWorkspaceGrain>(Project.WorkspaceId).AddVideoProjectAsync(Id);
        Project.Initialized = true;
        await state.WriteOrDeactivateAsync(this);
    }

    private VideoClipSetup SetupOf(VideoSegment segment)
    {
        string? fromKey = null, toKey = null;
        if (segment.Kind == ClipKind.Transition)
        {
            var index = Project.Segments.IndexOf(segment);
            fromKey = VideoBlobKeys.Clip(Project.WorkspaceId, Id, Project.Segments[index - 1].ClipId);
            toKey = VideoBlobKeys.Clip(Project.WorkspaceId, Id, Project.Segments[index + 1].ClipId);
        }

        return new VideoClipSetup(
            Id,
            Project.WorkspaceId,
            segment.Kind,
            segment.SequenceOrder,
            segment.SourceImageKey,
            segment.Prompt,
            segment.DurationSeconds,
            Project.AspectRatio,
            fromKey,
            toKey,
            VideoBlobKeys.Clip(Project.WorkspaceId, Id, segment.ClipId));
    }

    /// <summary>Clips in the requested order; with transitions on, a transition between every two neighbours.</summary>
    private static List<VideoSegment> PlanSegments(NewVideoProject request, VideoPricingOptions prices)
    {
        var segments = new List<VideoSegment>();
        for (var i = 0; i < request.Clips.Count; i++)
        {
            if (i > 0 && request.Transitions)
            {
                segments.Add(new VideoSegment
                {
                    ClipId = EntityIds.NewClipId(),
                    SequenceOrder = segments.Count,
                    Kind = ClipKind.Transition,
                    PriceCents = prices.PriceOf(ClipKind.Transition, 0),
                });
            }

            var clip = request.Clips[i];
            segments.Add(new VideoSegment
            {
                ClipId = EntityIds.NewClipId(),
                SequenceOrder = segments.Count,
                Kind = ClipKind.Clip,
                SourceImageKey = clip.SourceImageKey,
                Prompt = clip.Prompt,
                DurationSeconds = clip.DurationSeconds,
                PriceCents = prices.PriceOf(ClipKind.Clip, clip.DurationSeconds),
            });
        }

        return segments;
    }

    private static void Validate(NewVideoProject request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new RequestRejectedException("name", "name is required");
        }

        if (!VideoAspectRatios.IsSupported(request.AspectRatio))
        {
            throw new RequestRejectedException("aspectRatio", $"aspectRatio must be one of {string.Join(", ", VideoAspectRatios.All)}");
        }

        for (var i = 0; i < request.Clips.Count; i++)
        {
            var clip = request.Clips[i];
            if (clip.DurationSeconds is not (5 or 10))
            {
                throw new RequestRejectedException($"clips[{i}].durationSeconds", "durationSeconds must be 5 or 10");
            }

            if (!BlobKeys.IsValid(clip.SourceImageKey))
            {
                throw new RequestRejectedException($"clips[{i}]", "The clip has no stored source image");
            }
        }

        if (request.BackgroundMusic is { } music && (music.Volume is < 0 or > 1 || double.IsNaN(music.Volume) || !BlobKeys.IsValid(music.MusicKey)))
        {
            throw new RequestRejectedException("backgroundMusic", "backgroundMusic needs stored music and a volume from 0 to 1");
        }
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

    private void AdvanceGenerating() => Advance(
        VideoProjectSteps.Generating,
        VideoProjectSteps.GeneratingLabel(Project.Segments.Count),
        VideoProjectSteps.GeneratingProgress(CompletedCount, Project.Segments.Count));

    /// <summary>Sets the step; the percentage never goes back, not even across a retry.</summary>
    private void Advance(string step, string label, int progress)
    {
        Project.Step = step;
        Project.Label = label;
        Project.StepProgress = Math.Max(Project.StepProgress ?? 0, progress);
    }

    /// <summary>Publishes the current step; <paramref name="about"/> names the clip the event is about.</summary>
    private async Task PublishAsync(VideoSegment? about = null)
    {
        var progressEvent = CurrentEvent() with { OccurredAt = DateTimeOffset.UtcNow };
        if (about is not null)
        {
            progressEvent = progressEvent with
            {
                ClipIndex = about.SequenceOrder + 1,
                ErrorMessage = about.ErrorMessage ?? progressEvent.ErrorMessage,
            };
        }

        await _progress.PublishAsync(progressEvent);
    }

    private ProgressEvent CurrentEvent() => new(
        0,
        Id,
        Lower(Project.Status),
        Project.Step ?? Lower(Project.Status),
        Project.Label ?? "",
        Project.StepProgress,
        Project.UpdatedAt)
    {
        TotalClips = Project.Segments.Count,
        CompletedClipCount = CompletedCount,
        ErrorMessage = Project.ErrorMessage,
        IsTerminal = Project.Status is VideoProjectStatus.Completed or VideoProjectStatus.Failed,
    };

    private VideoStatus ToStatus()
    {
        var total = Project.Segments.Count;
        var completed = CompletedCount;
        return new VideoStatus(
            Id,
            Project.WorkspaceId,
            Project.Name,
            Project.Status,
            new VideoProgress(completed, total, total == 0 ? 0 : (int)Math.Round(100.0 * completed / total)),
            Project.Output,
            new VideoCost(Project.EstimatedCost, Project.ActualCost),
            Project.ErrorMessage,
            total,
            completed,
            Project.Step,
            Project.Label,
            Project.CreatedAt,
            Project.UpdatedAt)
        {
            StepProgress = Project.StepProgress,
        };
    }

    private static VideoClipView ViewOf(VideoSegment segment) =>
        new(segment.ClipId, segment.SequenceOrder, segment.Kind, segment.Status, segment.ClipKey, segment.ErrorMessage);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
