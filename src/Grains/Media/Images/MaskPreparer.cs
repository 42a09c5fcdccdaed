using Microsoft.Extensions.Logging;

namespace AiStudio.Media.Images;

/// <summary>
/// The inpaint "preparing" step: turns a user's PNG mask into one an inpaint provider accepts, a grey PNG of exactly the
/// source image's size that is white where to inpaint and black elsewhere.
/// </summary>
public sealed class MaskPreparer(FfmpegRunner ffmpeg, ILogger<MaskPreparer> logger)
{
    public const string UnreadableSourceMessage = "Unable to read source image dimensions";
    public const string MaskNotPngMessage = "Processing failed: the mask is not a PNG image";
    public const string MaskNotPreparedMessage = "Processing failed: the mask could not be prepared";

    /// <summary>
    /// Reads the source's size from its headers, then scales the mask to it and binarises it into
    /// <paramref name="preparedMaskPath"/> (published atomically). Transparent mask pixels count as black.
    /// </summary>
    /// <returns>What the prepared mask is: a PNG of the source's width and height.</returns>
    /// <exception cref="ImageProcessingException">The source or mask is unreadable, or FFmpeg failed; the message is for the image record.</exception>
    public async Task<ImageFormatInfo> PrepareAsync(
        string sourceImagePath, string maskPath, string preparedMaskPath, CancellationToken cancellationToken = default)
    {
        var source = await SniffAsync(sourceImagePath, cancellationToken) ?? throw new ImageProcessingException(UnreadableSourceMessage);
        var mask = await SniffAsync(maskPath, cancellationToken);
        if (mask?.Format != ImageFormat.Png)
        {
            throw new ImageProcessingException(MaskNotPngMessage);
        }

        var chain = "format=gbrap,premultiply=inplace=1,format=gray," +
            $"scale={source.Width}:{source.Height}:flags=bilinear,lut=c0='gt(val,127)*255'";
        var temporary = $"{preparedMaskPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            await ffmpeg.RunFfmpegAsync(
                [
                    .. FfmpegArguments.ImageInput(maskPath, ImageFormat.Png),
                    "-vf", chain, "-frames:v", "1", "-c:v", "png", "-pix_fmt", "gray",
                    "-f", "image2pipe", FfmpegArguments.FileUrl(temporary),
                ],
                cancellationToken: cancellationToken);
            var prepared = await SniffAsync(temporary, cancellationToken);
            if (prepared is null || prepared.Width != source.Width || prepared.Height != source.Height)
            {
                throw new ImageProcessingException(MaskNotPreparedMessage);
            }

            File.Move(temporary, preparedMaskPath, overwrite: true);
            return prepared;
        }
        catch (FfmpegException e)
        {
            logger.LogWarning("Preparing mask {MaskPath} failed: {Message}\n{StandardError}", maskPath, e.Message, e.StandardError);
            throw new ImageProcessingException(MaskNotPreparedMessage, e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<ImageFormatInfo?> SniffAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ImageSniffer.SniffFileAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
