using System.Diagnostics;
using System.Net;
using AiStudio.Common;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Providers.Kling;

public sealed class KlingClipTimeoutTests(ShortClipTimeoutKlingFixture fixture) : IClassFixture<ShortClipTimeoutKlingFixture>
{
    [Fact]
    public async Task A_clip_that_waits_out_Klings_concurrency_refusals_longer_than_its_timeout_still_completes()
    {
        var workspaceId = "ws_" + Guid.NewGuid().ToString("N")[..12];
        var grain = fixture.Client.GetGrain<IVideoProjectGrain>(EntityIds.NewVideoProjectId());
        await grain.CreateAsync(new NewVideoProject(
            workspaceId, "user_1", "Busy Kling", [new(await fixture.StoreSourceImageAsync(workspaceId), null, "Slow zoom", 5)],
            Transitions: false, null, AmbientAudio: false, VideoAspectRatios.Landscape, null, null));
        for (var i = 0; i < 16; i++)
        {
            fixture.Kling.RefuseNextCreate(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit");
        }

        var started = Stopwatch.GetTimestamp();
        await grain.GenerateAsync();
        var finished = await WaitUntil.ValueAsync(
            async () => (await grain.GetAsync())!,
            status => status.Status is VideoProjectStatus.Completed or VideoProjectStatus.Failed,
            "the project made with a busy Kling finishes",
            TimeSpan.FromMinutes(2));

        Assert.Equal((VideoProjectStatus.Completed, null), (finished.Status, finished.Error));
        Assert.Equal(0, fixture.Kling.PendingFaults);
        Assert.Equal(1, fixture.Kling.TaskCount);
        Assert.True(Stopwatch.GetElapsedTime(started) > ShortClipTimeoutKlingFixture.ClipTimeout, "Kling took the clip before its timeout would have run out.");
    }
}
