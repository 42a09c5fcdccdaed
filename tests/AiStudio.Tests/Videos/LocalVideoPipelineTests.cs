using AiStudio.Common;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;
using FFMpegCore;

namespace AiStudio.Tests.Videos;

public sealed class LocalVideoPipelineTests(LocalVideoFixture fixture) : IClassFixture<LocalVideoFixture>
{
    [Fact]
    public async Task Three_clips_with_transitions_and_music_become_an_H264_AAC_video_of_the_expected_length_with_a_JPEG_thumbnail()
    {
        var workspaceId = "ws_" + Guid.NewGuid().ToString("N")[..12];
        var videoProjectId = EntityIds.NewVideoProjectId();
        var clips = new List<VideoClipSpec>();
        foreach (var pattern in new[] { "testsrc2=size=1280x720", "smptebars=size=1024x768", "mandelbrot=size=800x800" })
        {
            clips.Add(new VideoClipSpec(await fixture.StoreSourceImageAsync(workspaceId, pattern), null, "Slow zoom", 5));
        }

        var music = new BackgroundMusic(await fixture.StoreMusicAsync(workspaceId, videoProjectId, seconds: 7), 0.4);
        var grain = fixture.Client.GetGrain<IVideoProjectGrain>(videoProjectId);
        await grain.CreateAsync(new NewVideoProject(
            workspaceId, "user_1", "Local tour", clips, Transitions: true, music, AmbientAudio: false, VideoAspectRatios.Landscape, null, null));

        await grain.GenerateAsync();
        var completed = await WaitUntil.ValueAsync(
            async () => (await grain.GetAsync())!,
            status => status.Status is VideoProjectStatus.Completed or VideoProjectStatus.Failed,
            "the local video is compiled",
            TimeSpan.FromMinutes(8));

        Assert.Equal(VideoProjectStatus.Completed, completed.Status);
        Assert.Equal(5, completed.CompletedClipCount);
        // Three clips of 5 seconds and two transitions of one second each.
        const double expectedSeconds = 17;
        var output = completed.Output!;
        Assert.InRange(output.DurationSeconds, expectedSeconds - 0.2, expectedSeconds + 0.2);
        var probe = await FFProbe.AnalyseAsync(fixture.Blobs.TryGetLocalPath(output.VideoKey)!);
        Assert.Equal("h264", probe.PrimaryVideoStream?.CodecName);
        Assert.Equal("aac", probe.PrimaryAudioStream?.CodecName);
        Assert.Equal((1280, 720), (probe.PrimaryVideoStream!.Width, probe.PrimaryVideoStream.Height));
        Assert.InRange(probe.Duration.TotalSeconds, expectedSeconds - 0.2, expectedSeconds + 0.2);
        var thumbnail = await File.ReadAllBytesAsync(fixture.Blobs.TryGetLocalPath(output.ThumbnailKey)!);
        Assert.Equal([0xFF, 0xD8, 0xFF], thumbnail[..3]);
    }
}
