using AiStudio.Limits;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class ClipTimeoutTests(ShortClipTimeoutFixture fixture) : IClassFixture<ShortClipTimeoutFixture>
{
    [Fact]
    public async Task A_clip_that_outlasts_its_timeout_fails_the_project_with_the_timeout_message()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2);
        var slow = project.Clips[0].Id;
        fixture.Provider.Script(slow, new ScriptedTask(TimeSpan.Zero, HoldUntilReleased: true));

        await project.Grain.GenerateAsync();
        var failed = await project.WaitForAsync(VideoProjectStatus.Failed);

        Assert.Equal($"Clip generation timeout (ID: {slow})", failed.Error);
        Assert.Equal(1, failed.CompletedClipCount);
        var clip = Assert.Single(await project.GetClipsAsync(), clip => clip.Id == slow);
        Assert.Equal(ClipStatus.Failed, clip.Status);
        Assert.Equal($"Clip generation timeout (ID: {slow})", clip.ErrorMessage);
        var submission = Assert.Single(fixture.Provider.SubmissionsOf([slow]));
        await WaitUntil.ConditionAsync(() => fixture.Provider.IsCanceled(submission.TaskId), "the timed-out task was canceled at the provider");
    }

    [Fact]
    public async Task A_clip_held_in_our_slot_line_longer_than_its_timeout_still_completes()
    {
        var slots = fixture.Client.GetGrain<IProviderSlotsGrain>(ScriptedVideoProvider.ProviderName);
        var holders = Enumerable.Range(0, VideoClusterFixture.ProviderConcurrency).Select(i => $"clip_other{i}_{Guid.NewGuid():N}").ToList();
        foreach (var holder in holders)
        {
            Assert.True(await slots.AcquireAsync(holder, alreadyStarted: false));
        }

        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);
        var clipId = project.Clips[0].Id;
        await project.Grain.GenerateAsync();
        await WaitUntil.ConditionAsync(
            async () => (await project.GetClipsAsync())[0].Status == ClipStatus.Generating, "the clip waits in line for a slot");

        // Twice the timeout in line, with the clip's reminder ticking every second meanwhile.
        await Task.Delay(ShortClipTimeoutFixture.ClipTimeout * 2);
        Assert.Empty(fixture.Provider.SubmissionsOf([clipId]));
        foreach (var holder in holders)
        {
            await slots.ReleaseAsync(holder);
        }

        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Equal(1, completed.CompletedClipCount);
        Assert.Single(fixture.Provider.SubmissionsOf([clipId]));
    }

    [Fact]
    public async Task A_clip_whose_provider_cannot_be_asked_fails_at_its_deadline_with_the_timeout_message()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);
        var clipId = project.Clips[0].Id;
        fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.Zero, UnreachableFor: TimeSpan.FromMinutes(10)));
        var generatedAt = DateTimeOffset.UtcNow;

        await project.Grain.GenerateAsync();
        var failed = await project.WaitForAsync(VideoProjectStatus.Failed);

        Assert.Equal($"Clip generation timeout (ID: {clipId})", failed.Error);
        var terminal = Assert.Single((await project.Grain.GetProgressSinceAsync(0))!.Missed, progressEvent => progressEvent.IsTerminal);
        Assert.True(terminal.OccurredAt - generatedAt >= ShortClipTimeoutFixture.ClipTimeout, "The clip failed before its deadline.");
        Assert.Single(fixture.Provider.SubmissionsOf([clipId]));
    }
}
