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
        Assert.Single(fixture.Provider.SubmissionsOf([slow]));
    }
}
