using AiStudio.Tests.Infrastructure;
using AiStudio.Usage;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

[Collection(VideoClusterCollection.Name)]
public sealed class VideoUsageTests(VideoClusterFixture fixture)
{
    [Fact]
    public async Task A_generating_video_is_committed_and_its_actual_cost_spent_once_it_completes()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2);
        var usage = UsageOf(project);
        var held = project.Clips[0].Id;
        fixture.Provider.Script(held, new ScriptedTask(TimeSpan.FromMilliseconds(50), HoldUntilReleased: true));

        await project.Grain.GenerateAsync();
        Assert.Equal(new WorkspaceUsage(UsagePeriods.StartOf(DateTimeOffset.UtcNow), 0, project.Created.Cost.Estimated, null), await usage.GetAsync());

        fixture.Provider.Release(held);
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);
        var settled = await WaitUntil.ValueAsync(usage.GetAsync, current => current.CommittedCents == 0, "the run is settled");
        Assert.Equal(completed.Cost.Actual, (int)settled.SpentCents);
    }

    [Fact]
    public async Task A_retried_video_commits_only_what_is_left_and_spends_each_clip_once()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 3);
        var usage = UsageOf(project);
        var failing = project.Clips[2].Id;
        fixture.Provider.Script(failing, new ScriptedTask(TimeSpan.FromMilliseconds(50), FailWith: "Kling API error: Video rendering failed"));
        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Failed);
        var afterFailure = await WaitUntil.ValueAsync(usage.GetAsync, current => current.CommittedCents == 0, "the failed run is settled");
        // The scenario's clips last 5, 10, 5 seconds by sequence order.
        var completedClips = (await project.GetClipsAsync()).Where(clip => clip.Status == ClipStatus.Completed).Sum(clip => clip.SequenceOrder % 2 == 0 ? 5 : 10);
        Assert.Equal(completedClips * VideoClusterFixture.ClipCentsPerSecond, afterFailure.SpentCents);

        fixture.Provider.Script(failing, new ScriptedTask(TimeSpan.FromMilliseconds(50), HoldUntilReleased: true));
        await project.Grain.RetryAsync();
        var remaining = project.Created.Cost.Estimated - (int)afterFailure.SpentCents;
        Assert.Equal(remaining, (await usage.GetAsync()).CommittedCents);
        fixture.Provider.Release(failing);
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);

        var settled = await WaitUntil.ValueAsync(usage.GetAsync, current => current.CommittedCents == 0, "the retry is settled");
        Assert.Equal(completed.Cost.Actual, (int)settled.SpentCents);
    }

    private IWorkspaceUsageGrain UsageOf(VideoScenario project) =>
        fixture.Client.GetGrain<IWorkspaceUsageGrain>(UsagePeriods.GrainKey(project.Created.WorkspaceId, DateTimeOffset.UtcNow));
}
