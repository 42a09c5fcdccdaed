using AiStudio.Common;
using AiStudio.Images;
using AiStudio.Persistence;
using AiStudio.Progress;
using AiStudio.Workspaces;
using Microsoft.Extensions.Logging;

namespace AiStudio.Projects;

public sealed class ProjectGrain(
    [PersistentState("project", "store")] IPersistentState<ProjectState> state,
    IProgressEventLog progressLog,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IProjectImageTracker
{
    private ProgressChannel _progress = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _progress = await ProgressChannel.OpenAsync(
            progressLog, this.GetStreamProvider(ProgressStreams.ProviderName), ProgressStreams.ProjectNamespace, this.GetPrimaryKeyString(), logger);
    }

    public Task<Project?> GetAsync() => Task.FromResult(state.State.Exists ? ToProject() : null);

    public async Task<Project> CreateAsync(string workspaceId, string name)
    {
        if (state.State.Exists)
        {
            return ToProject();
        }

        var now = DateTimeOffset.UtcNow;
        state.State.Exists = true;
        state.State.WorkspaceId = workspaceId;
        state.State.Name = name;
        state.State.CreatedAt = now;
        state.State.UpdatedAt = now;
        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).AddProjectAsync(this.GetPrimaryKeyString());
        return ToProject();
    }

    public Task<IReadOnlyList<string>> GetImageIdsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.ImageIds.ToList());

    public async Task TrackImageAsync(string imageId, ImageStatus status)
    {
        if (!state.State.Exists)
        {
            throw new RequestRejectedException("projectId", "Project not found");
        }

        var known = state.State.ImageStatuses.TryGetValue(imageId, out var current);
        if (known && current == status)
        {
            return;
        }

        if (!known)
        {
            state.State.ImageIds.Add(imageId);
        }

        state.State.ImageStatuses[imageId] = status;
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task RecordImageProgressAsync(ImageProgress progress)
    {
        await TrackImageAsync(progress.ImageId, progress.Status);

        var counts = Counts();
        await _progress.PublishAsync(new ProgressEvent(
            0, progress.ImageId, Lower(progress.Status), progress.Step, progress.Label, progress.Progress, DateTimeOffset.UtcNow)
        {
            ImageId = progress.ImageId,
            ProjectStatus = Lower(counts.Status),
            ImageCount = counts.ImageCount,
            CompletedCount = counts.CompletedCount,
            FailedCount = counts.FailedCount,
            ErrorMessage = progress.ErrorMessage,
            QueuePosition = progress.QueuePosition,
        }, progress.OnceKey);
    }

    public async Task<ProgressReplay?> GetProgressSinceAsync(long afterSequence)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var counts = Counts();
        var done = counts.CompletedCount + counts.FailedCount;
        var current = new ProgressEvent(
            0,
            this.GetPrimaryKeyString(),
            Lower(counts.Status),
            CurrentStep(counts.Status),
            $"{counts.CompletedCount} of {counts.ImageCount} images completed",
            counts.ImageCount == 0 ? 0 : (int)Math.Round(100.0 * done / counts.ImageCount),
            state.State.UpdatedAt)
        {
            ProjectStatus = Lower(counts.Status),
            ImageCount = counts.ImageCount,
            CompletedCount = counts.CompletedCount,
            FailedCount = counts.FailedCount,
        };
        return await _progress.ReplayAsync(afterSequence, current);
    }

    private ProjectCounts Counts() => ProjectCounts.Of(state.State.ImageStatuses.Values);

    // The image step the project stands at: with no image started (or none yet) that is the first one, fetching.
    private static string CurrentStep(ProjectStatus status) => ImageSteps.NameOf(status switch
    {
        ProjectStatus.Pending => ImageStep.Fetching,
        ProjectStatus.Processing => ImageStep.Processing,
        ProjectStatus.Completed => ImageStep.Completed,
        _ => ImageStep.Failed,
    });

    private Project ToProject()
    {
        var counts = Counts();
        return new Project(
            this.GetPrimaryKeyString(),
            state.State.WorkspaceId,
            state.State.Name,
            counts.Status,
            counts.ImageCount,
            counts.CompletedCount,
            counts.FailedCount,
            state.State.CreatedAt,
            state.State.UpdatedAt);
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
