using AiStudio.Media.Video;
using AiStudio.Persistence;

namespace AiStudio.Videos;

/// <summary>The compile runner's side of a video project: the soundtrack prepared while clips generate, then the compile run's handshake.</summary>
public sealed partial class VideoProjectGrain
{
    public Task<VideoCompileJob?> BeginCompileAsync(Guid runId)
    {
        if (!Project.Exists || Project.Status != VideoProjectStatus.Compiling)
        {
            return Task.FromResult<VideoCompileJob?>(null);
        }

        _compile.Adopt(runId);
        return Task.FromResult<VideoCompileJob?>(VideoProjectPlanner.CompileJobOf(Id, Project));
    }

    public async Task<bool> ReportCompileProgressAsync(Guid runId, int progress)
    {
        if (!IsCompileActive(runId))
        {
            return false;
        }

        if (VideoProjectProgress.Compiling(Project, progress))
        {
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
        Project.ActualCost = VideoCostCalculator.Actual(Project);
        MoveTo(VideoProjectStatus.Completed);
        VideoProjectProgress.Completed(Project);
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

        await FailAsync(errorMessage);
    }

    public Task<SoundtrackPlan?> GetSoundtrackPlanAsync()
    {
        if (!Project.Exists || Project.Soundtrack is not null || Project.Status != VideoProjectStatus.Generating)
        {
            return Task.FromResult<SoundtrackPlan?>(null);
        }

        return Task.FromResult<SoundtrackPlan?>(VideoProjectPlanner.SoundtrackOf(Project));
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

    private async Task StartCompilingAsync()
    {
        MoveTo(VideoProjectStatus.Compiling);
        Project.CompilingSince = DateTimeOffset.UtcNow;
        VideoProjectProgress.Compiling(Project, VideoProjectSteps.CompilingProgress);
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
}
