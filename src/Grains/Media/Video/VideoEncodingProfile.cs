using System.Globalization;
using AiStudio.Videos;
using FFMpegCore;
using FFMpegCore.Enums;

namespace AiStudio.Media.Video;

/// <summary>
/// The one set of codec parameters every clip and transition of a project is encoded with, so that compiling joins
/// them by stream copy: H.264 High@4.0 from libx264 with fixed settings, yuv420p BT.709 limited range, a constant
/// 30 fps, a 1/15360 track timescale and closed two-second GOPs. Only the frame size follows the aspect ratio.
/// </summary>
public sealed class VideoEncodingProfile
{
    public const int FramesPerSecond = 30;
    public const int TrackTimescale = 15360;
    public const int KeyframeInterval = 2 * FramesPerSecond;
    public const int TransitionSeconds = 1;

    private static readonly VideoEncodingProfile Landscape = new(VideoAspectRatios.Landscape, 1280, 720);
    private static readonly VideoEncodingProfile Portrait = new(VideoAspectRatios.Portrait, 720, 1280);
    private static readonly VideoEncodingProfile Square = new(VideoAspectRatios.Square, 720, 720);

    private VideoEncodingProfile(string aspectRatio, int width, int height)
    {
        AspectRatio = aspectRatio;
        Width = width;
        Height = height;
    }

    public string AspectRatio { get; }

    public int Width { get; }

    public int Height { get; }

    public static bool IsSupported(string? aspectRatio) => VideoAspectRatios.IsSupported(aspectRatio);

    public static VideoEncodingProfile For(string aspectRatio) => aspectRatio switch
    {
        VideoAspectRatios.Landscape => Landscape,
        VideoAspectRatios.Portrait => Portrait,
        VideoAspectRatios.Square => Square,
        _ => throw new ArgumentException($"Unsupported aspect ratio '{aspectRatio}'.", nameof(aspectRatio)),
    };

    /// <summary>Filters that bring any picture to this frame: cover-scale, centre-crop, square pixels, BT.709 limited-range yuv420p.</summary>
    public string ConformFilter => string.Create(
        CultureInfo.InvariantCulture,
        $"scale={Width}:{Height}:force_original_aspect_ratio=increase:out_color_matrix=bt709:out_range=tv,crop={Width}:{Height},setsar=1,format=yuv420p");

    /// <summary>The video encoder settings; identical for every clip and transition, which is what makes stream copy possible.</summary>
    internal FFMpegOutputOptions ApplyTo(FFMpegOutputOptions options) => options
        .WithVideoCodec(VideoCodec.LibX264)
        .WithSpeedPreset(EncoderPreset.VeryFast)
        .WithConstantRateFactor(21)
        .WithVideoProfile(VideoProfile.High)
        .WithCustomArgument("-level:v 4.0")
        .WithPixelFormat("yuv420p")
        .WithFrameRate(FramesPerSecond)
        .WithGopSize(KeyframeInterval)
        .WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-keyint_min {KeyframeInterval} -sc_threshold 0 -flags +cgop"))
        .WithCustomArgument("-color_range tv -colorspace bt709 -color_primaries bt709 -color_trc bt709")
        .WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-video_track_timescale {TrackTimescale}"));
}
