using AiStudio.Media.Video;
using FFMpegCore;

namespace AiStudio.Tests.Media.Video;

[Collection(VideoMediaCollection.Name)]
public sealed class VideoCompilerTests(VideoMediaFixture media)
{
    private IReadOnlyList<string> ClipsWithTransitions =>
        [media.Clips[0], media.Transitions[0], media.Clips[1], media.Transitions[1], media.Clips[2]];

    [Fact]
    public async Task Three_clips_two_transitions_and_music_join_by_stream_copy_into_a_faststart_h264_aac_mp4()
    {
        var segments = ClipsWithTransitions;
        var expected = 0.0;
        foreach (var segment in segments)
        {
            expected += (await FFProbe.AnalyseAsync(segment)).Duration.TotalSeconds;
        }

        using var compiled = await media.Compiler.CompileAsync(
            new VideoCompileRequest(segments, "16:9", new MusicTrack(media.MusicPath, 0.5), Ambient: false),
            CancellationToken.None);
        var output = await FFProbe.AnalyseAsync(compiled.VideoPath);
        var thumbnail = await FFProbe.AnalyseAsync(compiled.ThumbnailPath);

        Assert.True(compiled.StreamCopied);
        Assert.Equal("h264", output.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", output.PrimaryAudioStream!.CodecName);
        Assert.InRange(output.Duration.TotalSeconds, expected - 0.2, expected + 0.2);
        Assert.InRange(compiled.DurationSeconds, expected - 0.2, expected + 0.2);
        Assert.InRange(output.PrimaryAudioStream.Duration.TotalSeconds, expected - 0.2, expected + 0.2);
        var boxes = VideoTestMedia.TopLevelBoxes(compiled.VideoPath).ToList();
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), $"Boxes in order: {string.Join(", ", boxes)}");
        Assert.Equal("mjpeg", thumbnail.PrimaryVideoStream!.CodecName);
        Assert.True(await VideoTestMedia.DecodesAsync(compiled.ThumbnailPath));
        Assert.InRange(await VideoTestMedia.MaxVolumeAsync(compiled.VideoPath), -40, 0);

        var inputPackets = new List<string>();
        foreach (var segment in segments)
        {
            inputPackets.AddRange(await VideoTestMedia.VideoPacketHashesAsync(segment));
        }

        Assert.Equal(inputPackets, await VideoTestMedia.VideoPacketHashesAsync(compiled.VideoPath));
    }

    [Fact]
    public async Task Segments_with_different_codec_parameters_are_re_encoded_to_the_profile()
    {
        var foreign = await VideoTestMedia.CreateForeignSegmentAsync(Path.Combine(media.SourcesDirectory, "foreign.mp4"), seconds: 1);

        using var compiled = await media.Compiler.CompileAsync(
            new VideoCompileRequest([media.Clips[0], foreign], "16:9", new MusicTrack(media.MusicPath, 1.0), Ambient: true),
            CancellationToken.None);
        var output = await FFProbe.AnalyseAsync(compiled.VideoPath);

        Assert.False(compiled.StreamCopied);
        Assert.Equal("h264", output.PrimaryVideoStream!.CodecName);
        Assert.Equal((1280, 720), (output.PrimaryVideoStream.Width, output.PrimaryVideoStream.Height));
        Assert.Equal("aac", output.PrimaryAudioStream!.CodecName);
        Assert.InRange(compiled.DurationSeconds, 5.8, 6.2);
        Assert.True(await VideoTestMedia.DecodesAsync(compiled.VideoPath));
    }

    [Fact]
    public async Task Without_music_or_ambient_the_video_still_has_a_silent_aac_track()
    {
        using var compiled = await media.Compiler.CompileAsync(
            new VideoCompileRequest(media.Transitions, "16:9", Music: null, Ambient: false),
            CancellationToken.None);
        var output = await FFProbe.AnalyseAsync(compiled.VideoPath);

        Assert.Equal("aac", output.PrimaryAudioStream!.CodecName);
        Assert.InRange(output.PrimaryAudioStream.Duration.TotalSeconds, 1.8, 2.2);
        Assert.True(await VideoTestMedia.MaxVolumeAsync(compiled.VideoPath) < -80);
    }

    [Fact]
    public async Task Ambient_bed_alone_is_a_quiet_but_audible_track()
    {
        using var compiled = await media.Compiler.CompileAsync(
            new VideoCompileRequest(media.Transitions, "16:9", Music: null, Ambient: true),
            CancellationToken.None);

        Assert.InRange(await VideoTestMedia.MaxVolumeAsync(compiled.VideoPath), -50, -6);
    }

    [Fact]
    public async Task Soundtrack_prepared_for_the_same_music_and_length_is_muxed_instead_of_rendered_again()
    {
        var track = new MusicTrack(Path.Combine(media.SourcesDirectory, "prepared-music.mp3"), 0.8);
        File.Copy(media.MusicPath, track.Path, overwrite: true);
        var segments = new[] { media.Clips[0], media.Transitions[0], media.Clips[1] };
        var prepared = await media.Compiler.PrepareSoundtrackAsync(new SoundtrackRequest(track, Ambient: false, DurationSeconds: 11), CancellationToken.None);
        var preparedTooShort = await media.Compiler.PrepareSoundtrackAsync(new SoundtrackRequest(track, Ambient: false, DurationSeconds: 6), CancellationToken.None);

        // Were the music rendered again, the compile would now mix silence.
        await VideoTestMedia.CreateSilenceAsync(track.Path, seconds: 11);
        using var withPrepared = await media.Compiler.CompileAsync(new VideoCompileRequest(segments, "16:9", track, false, prepared), CancellationToken.None);
        using var withMismatched = await media.Compiler.CompileAsync(new VideoCompileRequest(segments, "16:9", track, false, preparedTooShort), CancellationToken.None);

        Assert.InRange(await VideoTestMedia.MaxVolumeAsync(withPrepared.VideoPath), -40, 0);
        Assert.True(await VideoTestMedia.MaxVolumeAsync(withMismatched.VideoPath) < -80);
        File.Delete(prepared.Path);
        File.Delete(preparedTooShort.Path);
    }

    [Fact]
    public async Task Broken_segment_fails_with_ffmpeg_compilation_failed()
    {
        var broken = Path.Combine(media.SourcesDirectory, "broken.mp4");
        await File.WriteAllTextAsync(broken, "this is not a video");

        var failure = await Assert.ThrowsAsync<VideoCompilationException>(() =>
            media.Compiler.CompileAsync(new VideoCompileRequest([media.Clips[0], broken], "16:9", null, false), CancellationToken.None));

        Assert.Equal("FFmpeg compilation failed", failure.Message);
        Assert.NotNull(failure.InnerException);
    }

    [Fact]
    public async Task Segment_outside_the_media_root_is_refused_before_ffmpeg_sees_it()
    {
        var failure = await Assert.ThrowsAsync<VideoCompilationException>(() =>
            media.Compiler.CompileAsync(new VideoCompileRequest([media.Clips[0], "/etc/hosts"], "16:9", null, false), CancellationToken.None));

        Assert.Equal("FFmpeg compilation failed", failure.Message);
        Assert.IsType<ArgumentException>(failure.InnerException);
    }
}
