using System.Globalization;
using FFMpegCore;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

/// <summary>
/// Still pictures for models that animate images, as PNGs in a <see cref="VideoEncodingProfile"/>'s frame: an image
/// fitted to it (cover-scale, centre-crop), and the first or last frame of a clip.
/// </summary>
public sealed class VideoStills(FfmpegRunner ffmpeg, IOptions<VideoMediaOptions> options)
{
    /// <exception cref="InvalidSourceImageException">The image is not JPEG, PNG or WebP by its bytes, or does not decode.</exception>
    public async Task FitImageAsync(string sourceImage, VideoEncodingProfile profile, string output, CancellationToken cancellationToken)
    {
        var demuxer = MediaSniffer.ImageDemuxer(await MediaSniffer.ReadHeaderAsync(sourceImage, cancellationToken))
            ?? throw new InvalidSourceImageException("The source image is not JPEG, PNG or WebP.");
        var fit = FFMpegArguments
            .FromFileInput(sourceImage, verifyExists: true, input => input
                .WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-max_pixels {VideoRenderer.MaxSourcePixels}"))
                .GuardedAs(demuxer))
            .OutputToFile(output, overwrite: true, still => StillOf(still, profile));
        try
        {
            await ffmpeg.RunFfmpegAsync(fit, options.Value.RenderTimeLimit, cancellationToken);
        }
        catch (FfmpegException e) when (!e.TimedOut)
        {
            throw new InvalidSourceImageException("The source image does not decode.", e);
        }
    }

    public Task FirstFrameAsync(string clip, VideoEncodingProfile profile, string output, CancellationToken cancellationToken) =>
        ffmpeg.RunFfmpegAsync(
            FFMpegArguments
                .FromFileInput(clip, verifyExists: true, input => input.GuardedAs("mov"))
                .OutputToFile(output, overwrite: true, still => StillOf(still, profile)),
            options.Value.RenderTimeLimit,
            cancellationToken);

    public Task LastFrameAsync(string clip, VideoEncodingProfile profile, string output, CancellationToken cancellationToken) =>
        ffmpeg.RunFfmpegAsync(
            FFMpegArguments
                // Decoding only the last half second, reversed, puts the last frame first.
                .FromFileInput(clip, verifyExists: true, input => input.WithCustomArgument("-sseof -0.5").GuardedAs("mov"))
                .OutputToFile(output, overwrite: true, still => StillOf(still, profile, "reverse")),
            options.Value.RenderTimeLimit,
            cancellationToken);

    private static FFMpegOutputOptions StillOf(FFMpegOutputOptions still, VideoEncodingProfile profile, string? firstFilter = null)
    {
        var fit = string.Create(
            CultureInfo.InvariantCulture, $"scale={profile.Width}:{profile.Height}:force_original_aspect_ratio=increase,crop={profile.Width}:{profile.Height},setsar=1");
        return still
            .WithCustomArgument("-vf " + (firstFilter is null ? fit : $"{firstFilter},{fit}"))
            .WithFrameCount(1)
            .ForceFormat("image2")
            .WithVideoCodec("png");
    }
}
