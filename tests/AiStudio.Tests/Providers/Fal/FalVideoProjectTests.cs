using AiStudio.Providers.Fal;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Providers.Fal;

public sealed class FalVideoProjectTests(FalVideoFixture fixture) : IClassFixture<FalVideoFixture>
{
    [Fact]
    public async Task A_project_made_with_fal_tells_each_clips_queue_position_as_fal_moves_it_then_completes_with_one_request_per_clip()
    {
        fixture.Fal.Script = new FalJobScript(QueuePosition: 3, RunningPolls: 2);
        var (project, prompt) = await CreateProjectAsync(clipCount: 2);

        await project.GenerateAsync();
        var finished = await RemoteVideoFixture.WaitUntilFinishedAsync(project);

        Assert.Equal((VideoProjectStatus.Completed, null), (finished.Status, finished.Error));
        Assert.Equal(2, RequestsOf(prompt).Count(request => request.Model == new FalModels().ImageToVideo));
        var events = (await project.GetProgressSinceAsync(0))!.Missed;
        foreach (var clipIndex in new[] { 1, 2 })
        {
            var aboutClip = events.Where(progressEvent => progressEvent.ClipIndex == clipIndex).ToList();
            var queued = aboutClip.Where(progressEvent => progressEvent.QueuePosition is not null).ToList();
            Assert.Equal([3, 2, 1, 0], queued.Select(progressEvent => progressEvent.QueuePosition!.Value));
            Assert.All(queued, progressEvent => Assert.Equal((VideoProjectSteps.Generating, 2), (progressEvent.Step, progressEvent.TotalClips)));
            Assert.Null(aboutClip[aboutClip.IndexOf(queued[^1]) + 1].QueuePosition);
        }
    }

    [Fact]
    public async Task Canceling_a_project_cancels_its_requests_waiting_in_fals_queue()
    {
        fixture.Fal.Script = new FalJobScript(QueuePosition: 10_000);
        var (project, prompt) = await CreateProjectAsync(clipCount: 2);
        await project.GenerateAsync();
        await WaitUntil.ConditionAsync(() => RequestsOf(prompt).Count == 2, "both clips were submitted to fal");

        await project.CancelAsync();

        await WaitUntil.ConditionAsync(() => RequestsOf(prompt).All(request => request.Canceled), "fal canceled both queued requests");
        Assert.Equal(VideoErrors.Canceled, (await project.GetAsync())!.Error);
    }

    /// <summary>A project of 5-second clips that share a prompt no other project uses, so its requests are found at the double by it.</summary>
    private async Task<(IVideoProjectGrain Project, string Prompt)> CreateProjectAsync(int clipCount)
    {
        var prompt = "Slow zoom " + Guid.NewGuid().ToString("N");
        return (await fixture.CreateProjectAsync(prompt, transitions: false, [.. Enumerable.Repeat(5, clipCount)]), prompt);
    }

    private List<FalTestRequest> RequestsOf(string prompt) =>
        fixture.Fal.Requests.Where(request => request.Input["prompt"]?.GetValue<string>() == prompt).ToList();
}
