using AiStudio.Common;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;
using AiStudio.Workspaces;

namespace AiStudio.Tests.Videos;

[Collection(VideoClusterCollection.Name)]
public sealed class VideoProjectCancelAndDeleteTests(VideoClusterFixture fixture)
{
    [Fact]
    public async Task Cancel_ends_the_project_failed_with_Canceled_and_nothing_is_submitted_after_it()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 6);
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.Zero, HoldUntilReleased: true));
        }

        await project.Grain.GenerateAsync();
        await WaitUntil.ConditionAsync(
            () => fixture.Provider.SubmissionsOf(project.ClipIds).Count == 3, "three clips of the project were submitted");
        var canceled = await project.Grain.CancelAsync();
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Release(clipId);
        }

        // Another project run to its end on the same provider gives a late start of the canceled one time to show.
        var other = await VideoScenario.CreateAsync(fixture, clipCount: 4);
        await other.Grain.GenerateAsync();
        await other.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Equal(VideoProjectStatus.Failed, canceled.Status);
        Assert.Equal(VideoErrors.Canceled, canceled.Error);
        Assert.Equal(VideoProjectSteps.Failed, canceled.Step);
        Assert.Equal(3, fixture.Provider.SubmissionsOf(project.ClipIds).Count);
        var clips = await project.GetClipsAsync();
        Assert.Equal(3, clips.Count(clip => clip.Status == ClipStatus.Failed && clip.ErrorMessage == VideoErrors.Canceled));
        Assert.Equal(3, clips.Count(clip => clip.Status == ClipStatus.Pending));
        var status = (await project.Grain.GetAsync())!;
        Assert.Equal(VideoProjectStatus.Failed, status.Status);
        Assert.Equal(0, status.CompletedClipCount);
        var replay = (await project.Grain.GetProgressSinceAsync(0))!;
        var terminal = Assert.Single(replay.Missed, progressEvent => progressEvent.IsTerminal);
        Assert.Equal((VideoProjectSteps.Failed, VideoErrors.Canceled), (terminal.Step, terminal.Label));
    }

    [Fact]
    public async Task Cancel_is_rejected_unless_the_project_is_generating_or_compiling()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);

        await Assert.ThrowsAsync<TransitionRejectedException>(() => project.Grain.CancelAsync());
        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);
        await Assert.ThrowsAsync<TransitionRejectedException>(() => project.Grain.CancelAsync());
    }

    [Fact]
    public async Task Delete_removes_the_project_its_clips_files_progress_and_workspace_entry()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2, transitions: true);
        await project.Grain.GenerateAsync();
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);
        var workspace = fixture.Client.GetGrain<IWorkspaceGrain>(completed.WorkspaceId);
        Assert.Contains(project.Id, (await workspace.ListVideoProjectsAsync(null, 100)).Ids);

        Assert.True(await project.Grain.DeleteAsync());

        Assert.Null(await project.Grain.GetAsync());
        Assert.Null(await project.Grain.GetClipsAsync());
        Assert.Null(await project.Grain.GetProgressSinceAsync(0));
        foreach (var clipId in project.ClipIds)
        {
            Assert.Null(await fixture.Client.GetGrain<IVideoClipGrain>(clipId).GetReportAsync());
        }

        Assert.False(await fixture.Blobs.ExistsAsync(completed.Output!.VideoKey));
        Assert.False(Directory.Exists(Path.Combine(fixture.StorageRoot, BlobKeys.VideoProjectFolder(completed.WorkspaceId, project.Id))));
        Assert.Empty(await fixture.Database.QueryAsync<long>(
            "SELECT sequence FROM aistudio_progress_event WHERE stream_key = @key", ("key", "video-progress/" + project.Id)));
        Assert.DoesNotContain(project.Id, (await workspace.ListVideoProjectsAsync(null, 100)).Ids);
        Assert.False(await project.Grain.DeleteAsync());
    }
}
