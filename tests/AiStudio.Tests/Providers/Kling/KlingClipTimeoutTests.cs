using System.Diagnostics;
using System.Net;
using AiStudio.Videos;

namespace AiStudio.Tests.Providers.Kling;

public sealed class KlingClipTimeoutTests(ShortClipTimeoutKlingFixture fixture) : IClassFixture<ShortClipTimeoutKlingFixture>
{
    [Fact]
    public async Task A_clip_that_waits_out_Klings_concurrency_refusals_longer_than_its_timeout_still_completes()
    {
        var project = await fixture.CreateProjectAsync("Slow zoom", transitions: false, 5);
        for (var i = 0; i < 16; i++)
        {
            fixture.Kling.RefuseNextCreate(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit");
        }

        var started = Stopwatch.GetTimestamp();
        await project.GenerateAsync();
        var finished = await RemoteVideoFixture.WaitUntilFinishedAsync(project);

        Assert.Equal((VideoProjectStatus.Completed, null), (finished.Status, finished.Error));
        Assert.Equal(0, fixture.Kling.PendingFaults);
        Assert.Equal(1, fixture.Kling.TaskCount);
        Assert.True(Stopwatch.GetElapsedTime(started) > ShortClipTimeoutKlingFixture.ClipTimeout, "Kling took the clip before its timeout would have run out.");
    }
}
