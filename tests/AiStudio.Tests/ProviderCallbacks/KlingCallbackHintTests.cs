using AiStudio.Common;
using AiStudio.Providers;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>A Kling callback reaches the clip's grain as a hint (as the API relays it): the run queries Kling at once, and a late hint changes nothing.</summary>
public sealed class KlingCallbackHintTests(KlingCallbackFixture fixture) : IClassFixture<KlingCallbackFixture>
{
    [Fact]
    public async Task Hints_make_the_run_query_Kling_now_and_a_hint_after_the_clip_finished_changes_nothing()
    {
        var project = await fixture.CreateProjectAsync("Slow zoom", transitions: false, 5);
        await project.GenerateAsync();
        var create = await WaitUntil.ValueAsync(
            () => Task.FromResult(fixture.Kling.Creates.SingleOrDefault()), created => created is not null, "the clip's task is created", TimeSpan.FromMinutes(1));
        var clipId = ProviderCallbackLinks.EntityIdOf((string?)create!["external_task_id"])!;
        var hint = fixture.Client.GetGrain<IClipJobHint>(clipId);

        var clip = await WaitUntil.ValueAsync(
            async () =>
            {
                Assert.True(await hint.NudgeAsync());
                return (await project.GetClipsAsync())!.Single(view => view.Id == clipId);
            },
            view => view.Status is ClipStatus.Completed or ClipStatus.Failed,
            "the hinted clip finishes long before its next scheduled poll",
            TimeSpan.FromMinutes(1));
        Assert.Equal(ClipStatus.Completed, clip.Status);

        var queries = fixture.Kling.TaskQueries;
        Assert.True(await hint.NudgeAsync());
        await Task.Delay(500);
        Assert.Equal(queries, fixture.Kling.TaskQueries);
        Assert.Equal(ClipStatus.Completed, (await project.GetClipsAsync())!.Single(view => view.Id == clipId).Status);
        Assert.False(await fixture.Client.GetGrain<IClipJobHint>(EntityIds.NewClipId()).NudgeAsync());
    }
}
