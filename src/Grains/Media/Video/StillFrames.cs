using System.Globalization;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

/// <summary>
/// Still JPEG frames for models that animate pictures: an image, or the first or last frame of a clip, cover-scaled and
/// centre-cropped to a <see cref="VideoEncodingProfile"/>'s frame, so the model's output takes the project's aspect ratio.
/// </summary>
public sealed class StillFrames(FfmpegRunner ffmpeg, IOptions<VideoMediaOptions> options)
{
    /// <summary>Decoding stops above this many pixels, so a tiny file cannot claim a gigantic picture.</summary>
    private const long MaxSourcePixels = 100_000_000;

    /// <exception cref="InvalidSourceImageException">The image is not JPEG, PNG or WebP by its bytes, or does not decode.</exception>
    public async Task SaveImageAsync(string image, VideoEncodingProfile profile, string output, CancellationToken cancellationToken)
    {
        var demuxer = MediaSniffer.ImageDemuxer(await MediaSniffer.ReadHeaderAsync(image, cancellationToken))
            ?? throw new InvalidSourceImageException("The source image is not JPEG, PNG or WebP.");
        try
        {
            await SaveAsync(
                ["-max_pixels", MaxSourcePixels.ToString(CultureInfo.InvariantCulture), .. FfmpegArguments.Input(image, demuxer), "-frames:v", "1"],
                profile,
                output,
                cancellationToken);
        }
        catch (FfmpegException e) when (!e.TimedOut)
        {
            throw new InvalidSourceImageException("The source image does not decode.", e);
        }
    }

    public Task SaveFirstFrameAsync(string clip, VideoEncodingProfile profile, string output, CancellationToken cancellationToken) =>
        SaveAsync([.. FfmpegArguments.Input(clip, "mov"), "-frames:v", "1"], profile, output, cancellationToken);

    /// <summary>Decodes only the clip's final second and keeps overwriting the output, so the last frame decoded stays.</summary>
    public Task SaveLastFrameAsync(string clip, VideoEncodingProfile profile, string output, CancellationToken cancellationToken) =>
        SaveAsync(["-sseof", "-1", .. FfmpegArguments.Input(clip, "mov"), "-update", "1"], profile, output, cancellationToken);

    private async Task SaveAsync(IEnumerable<string> input, VideoEncodingProfile profile, string output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var frame = string.Create(
            CultureInfo.InvariantCulture,
            $"scale={profile.Width}:{profile.Height}:force_original_aspect_ratio=increase,crop={profile.Width}:{profile.Height},setsar=1");
        await ffmpeg.RunFfmpegAsync([.. input, "-vf", frame, "-q:v", "2", "-f", "image2", "-c:v", "mjpeg", "-y", output], options.Value.RenderTimeLimit, cancellationToken: cancellationToken);
    }
}
