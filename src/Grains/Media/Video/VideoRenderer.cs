using System.Globalization;
using FFMpegCore;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

/// <summary>
/// Renders clips with FFmpeg, always in <see cref="VideoEncodingProfile"/>. For the local provider a clip is a slow zoom
/// and pan over a still image, a transition a cross-fade from the last frame of one clip to the first of the next; a
/// clip made by a remote model is re-encoded into the profile.
/// </summary>
public sealed class VideoRenderer(FfmpegRunner ffmpeg, IOptions<VideoMediaOptions> options)
{
    /// <summary>Decoding stops above this many pixels, so a tiny file cannot claim a gigantic picture.</summary>
    internal const long MaxSourcePixels = 100_000_000;

    /// <summary>Zoom reached at the end of a clip; the pan covers the margin the zoom opens up.</summary>
    private const double FinalZoom = 1.12;

    /// <summary>
    /// Renders <paramref name="seconds"/> of video from <paramref name="sourceImage"/> into <paramref name="output"/>.
    /// The untrusted image is decoded once, on its own, into a raw frame of fixed size in <paramref name="workDirectory"/>;
    /// the animation then reads only that frame.
    /// </summary>
    /// <exception cref="InvalidSourceImageException">The image is not JPEG, PNG or WebP by its bytes, or does not decode.</exception>
    public async Task RenderClipAsync(string sourceImage, int seconds, VideoEncodingProfile profile, string workDirectory, string output, CancellationToken cancellationToken)
    {
        var demuxer = MediaSniffer.ImageDemuxer(await MediaSniffer.ReadHeaderAsync(sourceImage, cancellationToken))
            ?? throw new InvalidSourceImageException("The source image is not JPEG, PNG or WebP.");

        // The frame is half again as large as the output, so the zoom samples real detail and its steps stay sub-pixel.
        var sourceWidth = profile.Width * 3 / 2;
        var sourceHeight = profile.Height * 3 / 2;
        var frame = Path.Combine(workDirectory, "source.rgb");
        var decode = FFMpegArguments
            .FromFileInput(sourceImage, verifyExists: true, options => options
                .WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-max_pixels {MaxSourcePixels}"))
                .GuardedAs(demuxer))
            .OutputToFile(frame, overwrite: true, options => options
                .WithVideoFilters(filters => filters
                    .WithCustomFilter("scale", string.Create(CultureInfo.InvariantCulture, $"{sourceWidth}:{sourceHeight}:force_original_aspect_ratio=increase"))
                    .Crop(sourceWidth, sourceHeight)
                    .WithCustomFilter("format", "rgb24"))
                .WithFrameCount(1)
                .ForceFormat("rawvideo")
                .WithPixelFormat("rgb24"));
        try
        {
            await ffmpeg.RunFfmpegAsync(decode, options.Value.RenderTimeLimit, cancellationToken);
        }
        catch (FfmpegException e) when (!e.TimedOut)
        {
            throw new InvalidSourceImageException("The source image does not decode.", e);
        }

        if (new FileInfo(frame).Length != (long)sourceWidth * sourceHeight * 3)
        {
            throw new InvalidSourceImageException("The source image decoded to no picture.");
        }

        var frames = seconds * VideoEncodingProfile.FramesPerSecond;
        var last = frames - 1;
        var zoomPan = string.Create(
            CultureInfo.InvariantCulture,
            $"z='1+{FinalZoom - 1:0.###}*on/{last}':x='(iw-iw/zoom)*on/{last}':y='(ih-ih/zoom)*(0.35+0.3*on/{last})':d={frames}:s={profile.Width}x{profile.Height}:fps={VideoEncodingProfile.FramesPerSecond}");
        var animate = FFMpegArguments
            .FromFileInput(frame, verifyExists: true, options => options
                .WithPixelFormat("rgb24")
                .WithFrameSize(sourceWidth, sourceHeight)
                .GuardedAs("rawvideo"))
            .OutputToFile(output, overwrite: true, options => profile.ApplyTo(options
                .WithComplexFilter(graph => graph
                    .From(0, FFMpegCore.Enums.StreamType.Video)
                    .WithCustomFilter("zoompan", zoomPan)
                    .WithCustomFilter(profile.ConformFilter)
                    .As("v"))
                .WithMap("v")
                .WithFrameCount(frames)
                .DisableAudio()));
        await ffmpeg.RunFfmpegAsync(animate, options.Value.RenderTimeLimit, cancellationToken);
    }

    /// <summary>Renders a one-second cross-fade from the last frame of <paramref name="fromClip"/> to the first frame of <paramref name="toClip"/>.</summary>
    public async Task RenderTransitionAsync(string fromClip, string toClip, VideoEncodingProfile profile, string output, CancellationToken cancellationToken)
    {
        var frames = VideoEncodingProfile.TransitionSeconds * VideoEncodingProfile.FramesPerSecond;
        var hold = string.Create(CultureInfo.InvariantCulture, $"loop=loop={frames - 1}:size=1:start=0,fps={VideoEncodingProfile.FramesPerSecond}");
        var fade = string.Create(CultureInfo.InvariantCulture, $"transition=fade:duration={VideoEncodingProfile.TransitionSeconds}:offset=0");
        var render = FFMpegArguments
            .FromFileInput(fromClip, verifyExists: true, options => options.WithCustomArgument("-sseof -0.5").GuardedAs("mov"))
            .AddFileInput(toClip, verifyExists: true, options => options.WithDuration(TimeSpan.FromSeconds(0.5)).GuardedAs("mov"))
            .OutputToFile(output, overwrite: true, options => profile.ApplyTo(options
                .WithComplexFilter(graph => graph
                    .From(0, FFMpegCore.Enums.StreamType.Video)
                    .WithCustomFilter("reverse")
                    .WithCustomFilter("trim", "end_frame=1")
                    .WithCustomFilter("setpts", "PTS-STARTPTS")
                    .WithCustomFilter(profile.ConformFilter)
                    .WithCustomFilter(hold)
                    .As("last")
                    .From(1, FFMpegCore.Enums.StreamType.Video)
                    .WithCustomFilter("trim", "end_frame=1")
                    .WithCustomFilter("setpts", "PTS-STARTPTS")
                    .WithCustomFilter(profile.ConformFilter)
                    .WithCustomFilter(hold)
                    .As("first")
                    .From("last")
                    .From("first")
                    .WithCustomFilter("xfade", fade)
                    .As("v"))
                .WithMap("v")
                .WithFrameCount(frames)
                .DisableAudio()));
        await ffmpeg.RunFfmpegAsync(render, options.Value.RenderTimeLimit, cancellationToken);
    }

    /// <summary>Re-encodes a clip made elsewhere (e.g. by a remote model) into the profile, without sound, so that it compiles by stream copy with the rest.</summary>
    public Task ConformClipAsync(string clip, VideoEncodingProfile profile, string output, CancellationToken cancellationToken) =>
        ffmpeg.RunFfmpegAsync(
            FFMpegArguments
                .FromFileInput(clip, verifyExists: true, input => input.GuardedAs("mov"))
                .OutputToFile(output, overwrite: true, options => profile.ApplyTo(options
                    .WithCustomArgument("-vf " + profile.ConformFilter)
                    .DisableAudio())),
            options.Value.RenderTimeLimit,
            cancellationToken);
}
