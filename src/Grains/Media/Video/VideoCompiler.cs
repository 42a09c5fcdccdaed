using System.Globalization;
using System.Text;
using FFMpegCore;
using FFMpegCore.Arguments;
using FFMpegCore.Enums;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

/// <summary>
/// Compiles in a private directory under <c>{Storage:Root}/.work/video</c> with a single ffmpeg run, built with
/// FFMpegCore, that writes both the video and its thumbnail. The segments' MP4 headers are probed in process (no
/// ffprobe per segment): when every segment is a single H.264 track with byte-identical decoder configuration, frame
/// size, timescale and frame duration, the run concatenates them by stream copy; otherwise it re-encodes to the
/// aspect ratio's <see cref="VideoEncodingProfile"/>. A matching prepared soundtrack is copied in, any other is mixed
/// and encoded in the same run. The output's header is probed the same way for its tracks and duration.
/// </summary>
public sealed class VideoCompiler : IVideoCompiler
{
    private const double SoundtrackTolerance = 0.05;
    private const int ThumbnailLongSide = 640;
    private const int AudioBitrateKbps = 160;
    private const int AudioSampleRate = 48000;
    private const string VideoLabel = "v";
    private const string AudioLabel = "a";

    private readonly VideoMediaOptions _options;
    private readonly IAmbientAudioProvider _ambient;
    private readonly FfmpegRunner _ffmpeg;
    private readonly ILogger _logger;
    private readonly string _root;

    public VideoCompiler(IOptions<VideoMediaOptions> options, IAmbientAudioProvider ambient, FfmpegRunner ffmpeg, ILogger<VideoCompiler> logger)
    {
        _options = options.Value;
        _ambient = ambient;
        _ffmpeg = ffmpeg;
        _logger = logger;
        _root = MediaPathGuard.NormalizeRoot(_options.StorageRoot);
    }

    public Task<PreparedSoundtrack> PrepareSoundtrackAsync(SoundtrackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InWorkDirectoryAsync("soundtrack", "Soundtrack rendering failed", async directory =>
        {
            var inputs = new InputList();
            var sources = await AddSoundtrackSourcesAsync(inputs, request, directory, cancellationToken);
            var output = Path.Combine(directory, "soundtrack.m4a");
            var render = inputs.Arguments.OutputToFile(output, overwrite: true, options => EncodeSoundtrack(options
                .WithComplexFilter(graph => MixSoundtrack(graph, sources, request.DurationSeconds)))
                .ForceFormat("mp4"));
            await _ffmpeg.RunFfmpegAsync(render, _options.RenderTimeLimit, cancellationToken);
            return new PreparedSoundtrack(output, request);
        }, cancellationToken);
    }

    public Task<CompiledVideo> CompileAsync(VideoCompileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InWorkDirectoryAsync("compile", "Video compilation failed", directory => CompileInAsync(request, directory, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a work directory of its own, which goes when the work fails; a failure other than
    /// the caller's cancellation is logged and becomes a <see cref="VideoCompilationException"/>.
    /// </summary>
    private async Task<T> InWorkDirectoryAsync<T>(string purpose, string failure, Func<string, Task<T>> work, CancellationToken cancellationToken)
    {
        var directory = CreateWorkDirectory(purpose);
        try
        {
            return await work(directory);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Directory.Delete(directory, recursive: true);
            _logger.LogError(e, "{Failure}", failure);
            throw new VideoCompilationException(e);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
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
        var soundtrack = new SoundtrackRequest(request.Music, request.Ambient, videoTracks.Sum(track => track.DurationSeconds));
        var prepared = await UsablePreparedSoundtrackAsync(request.PreparedSoundtrack, soundtrack, cancellationToken);

        var inputs = new InputList();
        if (streamCopy)
        {
            // The segments share one decoder configuration, so the demuxer's Annex B conversion is not needed:
            // without it the output's packets are the segments' packets, byte for byte.
            var list = await WriteConcatListAsync(segments, directory, cancellationToken);
            inputs.Add(list, input => input.WithCustomArgument("-safe 0 -auto_convert 0").GuardedAs("concat"));
        }
        else
        {
            foreach (var segment in segments)
            {
                inputs.Add(segment, input => input.GuardedAs("mov"));
            }
        }

        var preparedInput = prepared is null ? -1 : inputs.Add(prepared, input => input.GuardedAs("mov"));
        IReadOnlyList<SoundtrackSource> soundtrackSources = prepared is null ? await AddSoundtrackSourcesAsync(inputs, soundtrack, directory, cancellationToken) : [];

        // The thumbnail is the first segment's first frame; the decoder sees only key frames of its first 0.1 s.
        var thumbnailInput = inputs.Add(segments[0], input => input
            .WithCustomArgument("-skip_frame nokey")
            .WithDuration(TimeSpan.FromSeconds(0.1))
            .GuardedAs("mov"));

        var video = Path.Combine(directory, "video.mp4");
        var thumbnail = Path.Combine(directory, "thumbnail.jpg");
        var (thumbnailWidth, thumbnailHeight) = ThumbnailSize(videoTracks[0]);
        var compile = inputs.Arguments.OutputToMany(outputs => outputs
            .OutputToFile(video, overwrite: true, options =>
            {
                if (!streamCopy || prepared is null)
                {
                    options.WithComplexFilter(graph =>
                    {
                        if (!streamCopy)
                        {
                            JoinByReencoding(graph, segments.Length, profile);
                        }

                        if (prepared is null)
                        {
                            MixSoundtrack(graph, soundtrackSources, soundtrack.DurationSeconds);
                        }
                    });
                }

                if (streamCopy)
                {
                    options.WithMap(0, StreamType.Video, 0).CopyStreams(StreamType.Video);
                }
                else
                {
                    profile.ApplyTo(options.WithMap(VideoLabel));
                }

                if (prepared is null)
                {
                    EncodeSoundtrack(options);
                }
                else
                {
                    options.WithMap(preparedInput, StreamType.Audio, 0).CopyStreams(StreamType.Audio);
                }

                options.WithFastStart();
            })
            .OutputToFile(thumbnail, overwrite: true, options => options
                .WithMap(thumbnailInput, StreamType.Video, 0)
                .WithVideoFilters(filters => filters.Scale(thumbnailWidth, thumbnailHeight))
                .WithFrameCount(1)
                .WithVideoCodec("mjpeg")
                .WithCustomArgument("-q:v 3 -update 1")
                .ForceFormat("image2")));
        await _ffmpeg.RunFfmpegAsync(compile, _options.CompileTimeLimit, cancellationToken);

        var duration = await ProbeOutputAsync(video, cancellationToken);
        if (!File.Exists(thumbnail) || new FileInfo(thumbnail).Length == 0)
        {
            throw new InvalidDataException("No thumbnail frame was written.");
        }

        _logger.LogInformation(
            "Compiled {Segments} segments into {Duration:0.00} s by {Method}, soundtrack {Soundtrack}",
            segments.Length,
            duration,
            streamCopy ? "stream copy" : "re-encoding",
            prepared is null ? "rendered" : "prepared");
        return new CompiledVideo(directory, video, thumbnail, duration, streamCopy);
    }

    /// <summary>Reads the output's header: it must hold H.264 video and AAC audio; its duration is the longer track's.</summary>
    private static async Task<double> ProbeOutputAsync(string video, CancellationToken cancellationToken)
    {
        var tracks = await Mp4HeaderReader.ReadTracksAsync(video, cancellationToken);
        if (!tracks.Any(track => track is { Handler: "vide", SampleEntry: "avc1" }) || !tracks.Any(track => track is { Handler: "soun", SampleEntry: "mp4a" }))
        {
            throw new InvalidDataException("The compiled video is not H.264 with AAC audio.");
        }

        return tracks.Max(track => track.DurationSeconds);
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

    /// <summary>
    /// Adds the inputs a soundtrack is made of (the music looped, the ambient bed, or silence) and returns, per input,
    /// the filters that bring it to 48 kHz stereo at its level and cut it to the video's length.
    /// </summary>
    private async Task<IReadOnlyList<SoundtrackSource>> AddSoundtrackSourcesAsync(InputList inputs, SoundtrackRequest request, string directory, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.DurationSeconds);
        var format = Invariant($"aformat=sample_rates={AudioSampleRate}:channel_layouts=stereo");
        var cut = Invariant($"atrim=end={request.DurationSeconds:0.######}");
        var sources = new List<SoundtrackSource>();
        if (request.Music is { } music)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(music.Volume, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(music.Volume, 1.0);
            var path = MediaPathGuard.Require(music.Path, _root, "music");
            var demuxer = MediaSniffer.AudioDemuxer(await MediaSniffer.ReadHeaderAsync(path, cancellationToken))
                ?? throw new InvalidDataException("The background music is not MP3, AAC, M4A, WAV, FLAC or Ogg.");
            var input = inputs.Add(path, options => options.WithStreamLoop(-1).GuardedAs(demuxer));
            sources.Add(new SoundtrackSource(input, Invariant($"{format},volume={music.Volume:0.###},{cut}")));
        }

        if (request.Ambient)
        {
            var bed = await _ambient.CreateAmbientBedAsync(request.DurationSeconds, directory, cancellationToken);
            var input = inputs.Add(MediaPathGuard.Require(bed, _root, "ambient bed"), options => options.GuardedAs("wav"));
            sources.Add(new SoundtrackSource(input, $"{format},{cut}"));
        }

        if (sources.Count == 0)
        {
            var input = inputs.Add(Invariant($"anullsrc=r={AudioSampleRate}:cl=stereo"), options => options.GuardedAs("lavfi"), verifyExists: false);
            sources.Add(new SoundtrackSource(input, cut));
        }

        return sources;
    }

    /// <summary>Mixes the sources at their own levels (no normalisation), with a short fade at the end, into <c>[a]</c>.</summary>
    private static void MixSoundtrack(ComplexFilterGraph graph, IReadOnlyList<SoundtrackSource> sources, double seconds)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            graph.From(sources[i].Input, StreamType.Audio, 0).WithCustomFilter(sources[i].Filters).As($"s{i}");
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

        var fade = Math.Min(1.5, seconds / 4);
        mix.WithCustomFilter("afade", Invariant($"t=out:st={seconds - fade:0.######}:d={fade:0.###}")).As(AudioLabel);
    }

    private static FFMpegOutputOptions EncodeSoundtrack(FFMpegOutputOptions options) => options
        .WithMap(AudioLabel)
        .WithAudioCodec(AudioCodec.Aac)
        .WithAudioBitrate(AudioBitrateKbps)
        .WithAudioSamplingRate(AudioSampleRate)
        .WithAudioChannels(2);

    /// <summary>Brings every segment (inputs 0..n-1) to the profile's frame and rate and joins them into <c>[v]</c>.</summary>
    private static void JoinByReencoding(ComplexFilterGraph graph, int segmentCount, VideoEncodingProfile profile)
    {
        for (var i = 0; i < segmentCount; i++)
        {
            graph.From(i, StreamType.Video, 0)
                .WithCustomFilter("fps", Invariant($"{VideoEncodingProfile.FramesPerSecond}"))
                .WithCustomFilter(profile.ConformFilter)
                .As($"v{i}");
        }

        var joined = graph.From("v0");
        for (var i = 1; i < segmentCount; i++)
        {
            joined = joined.From($"v{i}");
        }

        joined.Concat(segmentCount).As(VideoLabel);
    }

    private static async Task<string> WriteConcatListAsync(string[] segments, string directory, CancellationToken cancellationToken)
    {
        // Every path was checked by MediaPathGuard: absolute, under the media root, no quotes or line breaks.
        var list = new StringBuilder("ffconcat version 1.0\n");
        foreach (var segment in segments)
        {
            list.Append("file '").Append(segment).Append("'\n");
        }

        var path = Path.Combine(directory, "segments.ffconcat");
        await File.WriteAllTextAsync(path, list.ToString(), cancellationToken);
        return path;
    }

    private static (int Width, int Height) ThumbnailSize(Mp4Track video)
    {
        var scale = Math.Min(1.0, (double)ThumbnailLongSide / Math.Max(video.Width, video.Height));
        return (Even(video.Width * scale), Even(video.Height * scale));
    }

    private string CreateWorkDirectory(string purpose)
    {
        var directory = Path.Combine(_options.WorkDirectory, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One input of a soundtrack and the filters applied to it before mixing.</summary>
    private sealed record SoundtrackSource(int Input, string Filters);

    /// <summary>The inputs of one ffmpeg run, numbered in the order they are added.</summary>
    private sealed class InputList
    {
        private FFMpegArguments? _arguments;
        private int _count;

        public FFMpegArguments Arguments => _arguments ?? throw new InvalidOperationException("No input was added.");

        public int Add(string path, Action<FFMpegInputOptions> options, bool verifyExists = true)
        {
            _arguments = _arguments is null
                ? FFMpegArguments.FromFileInput(path, verifyExists, options)
                : _arguments.AddFileInput(path, verifyExists, options);
            return _count++;
        }
    }
}
