using System.Globalization;
using System.Text;
using FFMpegCore;
using FFMpegCore.Enums;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

/// <summary>
/// Compiles with FFmpeg in a private directory under <c>{Storage:Root}/.work/video</c>. The segments' MP4 headers are
/// read in process (no ffprobe per segment): when every segment is a single H.264 track with byte-identical decoder
/// configuration, frame size, timescale and frame duration, one ffmpeg run concatenates them by stream copy, muxes
/// the soundtrack and writes the index first; otherwise that run re-encodes the video to the aspect ratio's
/// <see cref="VideoEncodingProfile"/>. The thumbnail is cut from the first segment meanwhile, and the output is
/// probed with ffprobe for its streams and duration.
/// </summary>
public sealed class VideoCompiler : IVideoCompiler
{
    private const double SoundtrackTolerance = 0.05;
    private const int ThumbnailLongSide = 640;
    private const int AudioBitrateKbps = 160;
    private const int AudioSampleRate = 48000;

    private readonly VideoMediaOptions _options;
    private readonly IAmbientAudioProvider _ambient;
    private readonly VideoJobSlots _slots;
    private readonly ILogger _logger;
    private readonly string _root;

    internal VideoCompiler(IOptions<VideoMediaOptions> options, IAmbientAudioProvider ambient, VideoJobSlots slots, ILogger<VideoCompiler> logger)
    {
        _options = options.Value;
        _ambient = ambient;
        _slots = slots;
        _logger = logger;
        _root = MediaPathGuard.NormalizeRoot(_options.StorageRoot);
    }

    public async Task<PreparedSoundtrack> PrepareSoundtrackAsync(SoundtrackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directory = CreateWorkDirectory("soundtrack");
        try
        {
            using var slot = await _slots.EnterAsync(cancellationToken);
            var path = await RenderSoundtrackAsync(request, directory, cancellationToken);
            return new PreparedSoundtrack(path, request);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Directory.Delete(directory, recursive: true);
            _logger.LogError(e, "Soundtrack rendering failed");
            throw new VideoCompilationException(e);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async Task<CompiledVideo> CompileAsync(VideoCompileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directory = CreateWorkDirectory("compile");
        try
        {
            using var slot = await _slots.EnterAsync(cancellationToken);
            return await CompileInAsync(request, directory, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Directory.Delete(directory, recursive: true);
            _logger.LogError(e, "Video compilation failed");
            throw new VideoCompilationException(e);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    private async Task<CompiledVideo> CompileInAsync(VideoCompileRequest request, string directory, CancellationToken cancellationToken)
    {
        var profile = VideoEncodingProfile.For(request.AspectRatio);
        if (request.SegmentPaths.Count == 0)
        {
            throw new ArgumentException("A video needs at least one segment.", nameof(request));
        }

        var segments = request.SegmentPaths.Select(path => MediaPathGuard.Require(path, _root, "segment")).ToArray();
        var headers = await Task.WhenAll(segments.Select(path => Mp4HeaderReader.ReadTracksAsync(path, cancellationToken)));
        var videoTracks = headers.Select((tracks, i) => tracks.FirstOrDefault(track => track.Handler == "vide")
            ?? throw new InvalidDataException($"Segment {segments[i]} has no video track.")).ToArray();
        var streamCopy = CanStreamCopy(headers);
        var duration = videoTracks.Sum(track => track.DurationSeconds);

        var soundtrackRequest = new SoundtrackRequest(request.Music, request.Ambient, duration);
        var prepared = await UsablePreparedSoundtrackAsync(request.PreparedSoundtrack, soundtrackRequest, cancellationToken);
        var video = Path.Combine(directory, "video.mp4");
        var thumbnail = RenderThumbnailAsync(segments[0], videoTracks[0], directory, cancellationToken);

        // The thumbnail is cut while the video is muxed; both are awaited before anything can delete the directory.
        await Task.WhenAll(MuxAsync(), thumbnail);

        async Task MuxAsync()
        {
            var soundtrack = prepared ?? await RenderSoundtrackAsync(soundtrackRequest, directory, cancellationToken);
            await (streamCopy
                ? ConcatenateAsync(segments, soundtrack, directory, video, cancellationToken)
                : ReencodeAsync(segments, profile, soundtrack, video, cancellationToken));
        }

        var output = await FfmpegProcess.ProbeAsync(video, "mov", _options.ProbeTimeLimit, cancellationToken);
        if (output.PrimaryVideoStream?.CodecName != "h264" || output.PrimaryAudioStream?.CodecName != "aac")
        {
            throw new InvalidDataException("The compiled video is not H.264 with AAC audio.");
        }

        _logger.LogInformation(
            "Compiled {Segments} segments into {Duration:0.00} s by {Method}",
            segments.Length,
            output.Duration.TotalSeconds,
            streamCopy ? "stream copy" : "re-encoding");
        return new CompiledVideo(directory, video, await thumbnail, output.Duration.TotalSeconds, streamCopy);
    }

    /// <summary>
    /// True when the segments can be joined without decoding: each is a single H.264 track of an 8-bit 4:2:0 profile
    /// and all share the same decoder configuration (SPS/PPS), frame size, timescale and constant frame duration.
    /// </summary>
    internal static bool CanStreamCopy(IReadOnlyList<IReadOnlyList<Mp4Track>> segments)
    {
        var first = segments[0] is [var only] ? only : null;
        if (first is not { Handler: "vide", SampleEntry: "avc1", AvcProfile: 66 or 77 or 100, ConstantSampleDelta: not null })
        {
            return false;
        }

        return segments.All(tracks => tracks is [var track]
            && track.SampleEntry == first.SampleEntry
            && track.Width == first.Width
            && track.Height == first.Height
            && track.Timescale == first.Timescale
            && track.ConstantSampleDelta == first.ConstantSampleDelta
            && track.DecoderConfiguration.AsSpan().SequenceEqual(first.DecoderConfiguration));
    }

    private async Task<string?> UsablePreparedSoundtrackAsync(PreparedSoundtrack? prepared, SoundtrackRequest wanted, CancellationToken cancellationToken)
    {
        if (prepared is null
            || prepared.Request.Music != wanted.Music
            || prepared.Request.Ambient != wanted.Ambient
            || Math.Abs(prepared.Request.DurationSeconds - wanted.DurationSeconds) > SoundtrackTolerance
            || !MediaPathGuard.IsSafe(prepared.Path, _root)
            || !File.Exists(prepared.Path))
        {
            return null;
        }

        var tracks = await Mp4HeaderReader.ReadTracksAsync(prepared.Path, cancellationToken);
        return tracks is [{ Handler: "soun", SampleEntry: "mp4a" } track] && Math.Abs(track.DurationSeconds - wanted.DurationSeconds) <= SoundtrackTolerance
            ? prepared.Path
            : null;
    }

    private async Task<string> RenderSoundtrackAsync(SoundtrackRequest request, string directory, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.DurationSeconds);
        var seconds = request.DurationSeconds;
        var length = Invariant($"end={seconds:0.######}");
        FFMpegArguments? inputs = null;
        var sources = new List<string>();
        if (request.Music is { } music)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(music.Volume, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(music.Volume, 1.0);
            var path = MediaPathGuard.Require(music.Path, _root, "music");
            var demuxer = MediaSniffer.AudioDemuxer(await MediaSniffer.ReadHeaderAsync(path, cancellationToken))
                ?? throw new InvalidDataException("The background music is not MP3, AAC, M4A, WAV, FLAC or Ogg.");
            inputs = AddInput(inputs, path, input => input.WithStreamLoop(-1).GuardedAs(demuxer));
            sources.Add(Invariant($"aformat=sample_rates={AudioSampleRate}:channel_layouts=stereo,volume={music.Volume:0.###},atrim={length}"));
        }

        if (request.Ambient)
        {
            var bed = await _ambient.CreateAmbientBedAsync(seconds, directory, cancellationToken);
            inputs = AddInput(inputs, bed, input => input.GuardedAs("wav"));
            sources.Add(Invariant($"aformat=sample_rates={AudioSampleRate}:channel_layouts=stereo,atrim={length}"));
        }

        if (sources.Count == 0)
        {
            inputs = AddInput(inputs, Invariant($"anullsrc=r={AudioSampleRate}:cl=stereo"), input => input.GuardedAs("lavfi"), verifyExists: false);
            sources.Add(Invariant($"atrim={length}"));
        }

        var fade = Math.Min(1.5, seconds / 4);
        var output = Path.Combine(directory, "soundtrack.m4a");
        var render = inputs!.OutputToFile(output, overwrite: true, options => options
            .WithComplexFilter(graph =>
            {
                for (var i = 0; i < sources.Count; i++)
                {
                    graph.From(i, StreamType.Audio).WithCustomFilter(sources[i]).As($"s{i}");
                }

                var mix = graph.From("s0");
                for (var i = 1; i < sources.Count; i++)
                {
                    mix = mix.From($"s{i}");
                }

                if (sources.Count > 1)
                {
                    mix = mix.WithCustomFilter("amix", Invariant($"inputs={sources.Count}:duration=longest:normalize=0"));
                }

                mix.WithCustomFilter("afade", Invariant($"t=out:st={seconds - fade:0.######}:d={fade:0.###}")).As("a");
            })
            .WithMap("a")
            .WithAudioCodec(AudioCodec.Aac)
            .WithAudioBitrate(AudioBitrateKbps)
            .WithAudioSamplingRate(AudioSampleRate)
            .WithAudioChannels(2)
            .ForceFormat("mp4"));
        await FfmpegProcess.RunAsync(render, _options.RenderTimeLimit, cancellationToken);
        return output;
    }

    private async Task ConcatenateAsync(string[] segments, string soundtrack, string directory, string output, CancellationToken cancellationToken)
    {
        // Every path was checked by MediaPathGuard: absolute, under the media root, no quotes or line breaks.
        var list = new StringBuilder("ffconcat version 1.0\n");
        foreach (var segment in segments)
        {
            list.Append("file '").Append(segment).Append("'\n");
        }

        var listPath = Path.Combine(directory, "segments.ffconcat");
        await File.WriteAllTextAsync(listPath, list.ToString(), cancellationToken);
        // The segments share one decoder configuration, so the demuxer's Annex B conversion is not needed: without
        // it the output's packets are the segments' packets, byte for byte.
        var concatenate = FFMpegArguments
            .FromFileInput(listPath, verifyExists: true, input => input.WithCustomArgument("-safe 0 -auto_convert 0").GuardedAs("concat"))
            .AddFileInput(soundtrack, verifyExists: true, input => input.GuardedAs("mov"))
            .OutputToFile(output, overwrite: true, options => options
                .WithMap(0, StreamType.Video, 0)
                .WithMap(1, StreamType.Audio, 0)
                .CopyStreams()
                .WithFastStart());
        await FfmpegProcess.RunAsync(concatenate, _options.CompileTimeLimit, cancellationToken);
    }

    private async Task ReencodeAsync(string[] segments, VideoEncodingProfile profile, string soundtrack, string output, CancellationToken cancellationToken)
    {
        FFMpegArguments? inputs = null;
        foreach (var segment in segments)
        {
            inputs = AddInput(inputs, segment, input => input.GuardedAs("mov"));
        }

        var reencode = inputs!
            .AddFileInput(soundtrack, verifyExists: true, input => input.GuardedAs("mov"))
            .OutputToFile(output, overwrite: true, options => profile.ApplyTo(options
                .WithComplexFilter(graph =>
                {
                    for (var i = 0; i < segments.Length; i++)
                    {
                        graph.From(i, StreamType.Video, 0)
                            .WithCustomFilter("fps", Invariant($"{VideoEncodingProfile.FramesPerSecond}"))
                            .WithCustomFilter(profile.ConformFilter)
                            .As($"v{i}");
                    }

                    var joined = graph.From("v0");
                    for (var i = 1; i < segments.Length; i++)
                    {
                        joined = joined.From($"v{i}");
                    }

                    joined.Concat(segments.Length).As("v");
                })
                .WithMap("v")
                .WithMap(segments.Length, StreamType.Audio, 0)
                .CopyStreams(StreamType.Audio)
                .WithFastStart()));
        await FfmpegProcess.RunAsync(reencode, _options.CompileTimeLimit, cancellationToken);
    }

    private async Task<string> RenderThumbnailAsync(string firstSegment, Mp4Track video, string directory, CancellationToken cancellationToken)
    {
        var output = Path.Combine(directory, "thumbnail.jpg");
        var scale = (double)ThumbnailLongSide / Math.Max(video.Width, video.Height);
        var width = Even(Math.Min(video.Width, video.Width * scale));
        var height = Even(Math.Min(video.Height, video.Height * scale));
        var at = TimeSpan.FromSeconds(Math.Min(1.0, video.DurationSeconds / 2));
        var snapshot = FFMpegArguments
            .FromFileInput(firstSegment, verifyExists: true, input => input.WithStartTime(at).GuardedAs("mov"))
            .OutputToFile(output, overwrite: true, options => options
                .WithVideoFilters(filters => filters.Scale(width, height))
                .WithFrameCount(1)
                .WithVideoCodec("mjpeg")
                .WithCustomArgument("-q:v 3 -update 1")
                .ForceFormat("image2"));
        await FfmpegProcess.RunAsync(snapshot, _options.ProbeTimeLimit, cancellationToken);
        if (!File.Exists(output) || new FileInfo(output).Length == 0)
        {
            throw new InvalidDataException("No thumbnail frame was written.");
        }

        return output;
    }

    private static FFMpegArguments AddInput(FFMpegArguments? inputs, string path, Action<FFMpegInputOptions> options, bool verifyExists = true) =>
        inputs is null ? FFMpegArguments.FromFileInput(path, verifyExists, options) : inputs.AddFileInput(path, verifyExists, options);

    private string CreateWorkDirectory(string purpose)
    {
        var directory = Path.Combine(_options.WorkDirectory, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
