using AiStudio.Media.Video;
using AiStudio.Providers;
using AiStudio.Videos.Providers;
using FFMpegCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Media.Video;

[Collection(VideoMediaCollection.Name)]
public sealed class LocalFfmpegVideoProviderTests(VideoMediaFixture media)
{
    [Theory]
    [InlineData(0)] // from a JPEG
    [InlineData(1)] // from a portrait PNG, cropped to landscape
    [InlineData(2)] // from a WebP
    public async Task Five_second_clip_is_h264_at_the_profile_size_and_rate_without_audio(int clip)
    {
        var analysis = await FFProbe.AnalyseAsync(media.Clips[clip]);

        var video = analysis.PrimaryVideoStream!;
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("High", video.Profile);
        Assert.Equal((1280, 720), (video.Width, video.Height));
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal(30, video.AverageFrameRate, precision: 3);
        Assert.InRange(analysis.Duration.TotalSeconds, 4.95, 5.05);
        Assert.Empty(analysis.AudioStreams);
    }

    [Fact]
    public async Task Transition_is_one_second_with_exactly_the_clips_codec_parameters()
    {
        var analysis = await FFProbe.AnalyseAsync(media.Transitions[0]);
        var clip = await Mp4HeaderReader.ReadTracksAsync(media.Clips[0], CancellationToken.None);
        var transition = await Mp4HeaderReader.ReadTracksAsync(media.Transitions[0], CancellationToken.None);

        Assert.InRange(analysis.Duration.TotalSeconds, 0.95, 1.05);
        Assert.Empty(analysis.AudioStreams);
        Assert.Equal(clip[0].DecoderConfiguration, transition[0].DecoderConfiguration);
        Assert.Equal((clip[0].Timescale, clip[0].ConstantSampleDelta), (transition[0].Timescale, transition[0].ConstantSampleDelta));
        Assert.Equal((uint)VideoEncodingProfile.TrackTimescale, transition[0].Timescale);
        Assert.Equal((uint)(VideoEncodingProfile.TrackTimescale / VideoEncodingProfile.FramesPerSecond), transition[0].ConstantSampleDelta);
    }

    [Theory]
    [InlineData("text.jpg", "not an image at all")]
    [InlineData("corrupt.png", "\u0089PNG\r\n\u001a\n this header promises a PNG and nothing follows")]
    [InlineData("picture.gif", "GIF89a")]
    public async Task Unsupported_or_undecodable_source_image_fails_with_invalid_image_format(string name, string content)
    {
        var path = Path.Combine(media.SourcesDirectory, name);
        await File.WriteAllBytesAsync(path, content.Select(c => (byte)c).ToArray());

        var taskId = await media.Provider.SubmitAsync(new ClipJobRequest($"invalid-{name}", path, "zoom", 5, "16:9"), CancellationToken.None);
        var state = await VideoTestMedia.WaitUntilFinishedAsync(media.Provider, taskId, VideoMediaFixture.RenderTimeout);

        Assert.Equal(ProviderJobState.Failed("Kling API error: Invalid image format"), state);
    }

    [Fact]
    public async Task Same_job_key_gives_the_same_task_and_never_a_second_job()
    {
        var request = new TransitionJobRequest("same-key", media.Clips[2], media.Clips[0], "16:9");

        var first = await media.Provider.SubmitAsync(request, CancellationToken.None);
        var whileRunning = await media.Provider.SubmitAsync(request, CancellationToken.None);
        var done = await VideoTestMedia.WaitUntilFinishedAsync(media.Provider, first, VideoMediaFixture.RenderTimeout);
        var result = Path.Combine(media.StorageRoot, ".provider", "videos", first, "result.mp4");
        var renderedAt = File.GetLastWriteTimeUtc(result);
        var afterwards = await media.Provider.SubmitAsync(request, CancellationToken.None);
        var other = await media.Provider.SubmitAsync(request with { JobKey = "other-key" }, CancellationToken.None);

        Assert.Equal(first, whileRunning);
        Assert.Equal(first, afterwards);
        Assert.NotEqual(first, other);
        Assert.Equal(ProviderJobStatus.Succeeded, done.Status);
        Assert.Equal(done, await media.Provider.GetStatusAsync(afterwards, CancellationToken.None));
        Assert.Equal(renderedAt, File.GetLastWriteTimeUtc(result));
    }

    [Fact]
    public async Task Job_left_unfinished_by_a_stopped_process_is_queued_again_by_the_next_status_request()
    {
        var request = new TransitionJobRequest("interrupted", media.Clips[1], media.Clips[2], "16:9");
        string taskId;
        await using (var crashed = media.CreateServices())
        {
            taskId = await crashed.GetRequiredService<IVideoProvider>().SubmitAsync(request, CancellationToken.None);
        }

        await using var restarted = media.CreateServices();
        var provider = restarted.GetRequiredService<IVideoProvider>();
        var first = await provider.GetStatusAsync(taskId, CancellationToken.None);
        var final = await VideoTestMedia.WaitUntilFinishedAsync(provider, taskId, VideoMediaFixture.RenderTimeout);

        Assert.Equal(ProviderJobStatus.Queued, first.Status);
        Assert.Equal(ProviderJobStatus.Succeeded, final.Status);
        var rendered = await VideoTestMedia.FetchResultAsync(provider, taskId, media.ResultsDirectory);
        Assert.InRange((await FFProbe.AnalyseAsync(rendered)).Duration.TotalSeconds, 0.95, 1.05);
        Assert.Equal(taskId, await provider.SubmitAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_canceled_task_is_forgotten_and_the_same_key_submits_it_anew()
    {
        var request = new TransitionJobRequest("canceled", media.Clips[0], media.Clips[2], "16:9");
        var taskId = await media.Provider.SubmitAsync(request, CancellationToken.None);

        await media.Provider.CancelAsync(taskId, CancellationToken.None);

        Assert.Equal(ProviderJobState.Unknown, await media.Provider.GetStatusAsync(taskId, CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(media.StorageRoot, ".provider", "videos", taskId)));
        Assert.Equal(taskId, await media.Provider.SubmitAsync(request, CancellationToken.None));
        var again = await VideoTestMedia.WaitUntilFinishedAsync(media.Provider, taskId, VideoMediaFixture.RenderTimeout);
        Assert.Equal(ProviderJobStatus.Succeeded, again.Status);
    }

    [Theory]
    [InlineData("clip-../../etc")]
    [InlineData("clip-00000000000000000000000000000000")]
    [InlineData("")]
    public async Task Task_ids_the_provider_never_issued_are_unknown(string taskId)
    {
        Assert.Equal(ProviderJobState.Unknown, await media.Provider.GetStatusAsync(taskId, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => media.Provider.FetchResultAsync(taskId, CancellationToken.None));
    }
}
