using AiStudio.Common;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Providers.Kling;

public sealed class KlingVideoProjectTests(KlingVideoFixture fixture) : IClassFixture<KlingVideoFixture>
{
    [Fact]
    public async Task Project_with_Kling_as_video_provider_completes_with_one_task_per_clip_and_an_end_framed_transition()
    {
        var workspaceId = "ws_" + Guid.NewGuid().ToString("N")[..12];
        var clips = new List<VideoClipSpec>
        {
            new(await fixture.StoreSourceImageAsync(workspaceId), null, "Slow zoom", 5),
            new(await fixture.StoreSourceImageAsync(workspaceId), null, "Pan left", 10),
        };
        var grain = fixture.Client.GetGrain<IVideoProjectGrain>(EntityIds.NewVideoProjectId());
        await grain.CreateAsync(new NewVideoProject(
            workspaceId, "user_1", "Kling tour", clips, Transitions: true, null, AmbientAudio: false, VideoAspectRatios.Landscape, null, null));

        await grain.GenerateAsync();
        var finished = await WaitUntil.ValueAsync(
            async () => (await grain.GetAsync())!,
            status => status.Status is VideoProjectStatus.Completed or VideoProjectStatus.Failed,
            "the project made with Kling finishes",
            TimeSpan.FromMinutes(3));

        Assert.Equal(VideoProjectStatus.Completed, finished.Status);
        Assert.Equal(3, fixture.Kling.TaskCount);
        Assert.Equal(["10", "5", "5"], fixture.Kling.Creates.Select(create => (string)create["duration"]!).Order());
        Assert.Single(fixture.Kling.Creates, create => create.ContainsKey("image_tail"));
    }
}
