using AiStudio.Videos;

namespace AiStudio.Tests.Providers.Kling;

public sealed class KlingVideoProjectTests(KlingVideoFixture fixture) : IClassFixture<KlingVideoFixture>
{
    [Fact]
    public async Task Project_with_Kling_as_video_provider_completes_with_one_task_per_clip_and_an_end_framed_transition()
    {
        var project = await fixture.CreateProjectAsync("Slow zoom", transitions: true, 5, 10);

        await project.GenerateAsync();
        var finished = await RemoteVideoFixture.WaitUntilFinishedAsync(project);

        Assert.Equal(VideoProjectStatus.Completed, finished.Status);
        Assert.Equal(3, fixture.Kling.TaskCount);
        Assert.Equal(["10", "5", "5"], fixture.Kling.Creates.Select(create => (string)create["duration"]!).Order());
        Assert.Single(fixture.Kling.Creates, create => create.ContainsKey("image_tail"));
    }
}
