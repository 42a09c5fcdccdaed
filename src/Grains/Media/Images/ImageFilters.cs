namespace AiStudio.Media.Images;

/// <summary>The FFmpeg commands behind local image enhancement and object removal; the output keeps the source's format and size.</summary>
internal static class ImageFilters
{
    /// <summary>
    /// A gentle levels stretch (tone), then denoise, contrast and saturation, and an unsharp mask on luma only, worked in
    /// full-resolution chroma so PNG and WebP sources are not subsampled twice.
    /// </summary>
    public static IEnumerable<string> EnhanceArguments(string sourcePath, ImageFormatInfo source, string outputPath)
    {
        var (planarRgb, planarYuv) = source.HasAlpha ? ("gbrap", "yuva444p") : ("gbrp", "yuv444p");
        var chain = $"format={planarRgb},normalize=smoothing=0:independence=0:strength=0.3," +
            $"format={planarYuv},hqdn3d=1.5:1.5:0:0,eq=contrast=1.06:saturation=1.1:gamma=1.03,unsharp=5:5:0.7:5:5:0";
        return [.. FfmpegArguments.ImageInput(sourcePath, source.Format), "-vf", chain, .. Output(source, outputPath)];
    }

    /// <summary>
    /// Fills the mask's white region from its surroundings with <c>removelogo</c>, then takes only that region from the
    /// fill (<c>maskedmerge</c> in planar RGB, alpha kept), so pixels outside the mask stay as they were.
    /// <c>removelogo</c> loads its bitmap by name, so FFmpeg runs in the directory holding <paramref name="maskFileName"/>.
    /// </summary>
    public static IEnumerable<string> RemoveArguments(
        string sourcePath, ImageFormatInfo source, string maskPath, string maskFileName, string outputPath)
    {
        var planarRgb = source.HasAlpha ? "gbrap" : "gbrp";
        var graph = $"[0:v]format={planarRgb},split=2[original][work];" +
            $"[work]format=yuv420p,removelogo=filename={maskFileName},format={planarRgb}[filled];" +
            $"[1:v]format=gray,format={planarRgb}[mask];" +
            "[original][filled][mask]maskedmerge=planes=7[out]";
        return
        [
            .. FfmpegArguments.ImageInput(sourcePath, source.Format),
            .. FfmpegArguments.ImageInput(maskPath, ImageFormat.Png),
            "-filter_complex", graph, "-map", "[out]",
            .. Output(source, outputPath),
        ];
    }

    private static IEnumerable<string> Output(ImageFormatInfo source, string outputPath)
    {
        IEnumerable<string> encoder = source.Format switch
        {
            ImageFormat.Jpeg => ["-c:v", "mjpeg", "-q:v", "2", "-pix_fmt", "yuvj420p"],
            ImageFormat.Png => ["-c:v", "png", "-pix_fmt", source.HasAlpha ? "rgba" : "rgb24"],
            ImageFormat.WebP => ["-c:v", "libwebp", "-quality", "90", "-pix_fmt", source.HasAlpha ? "yuva420p" : "yuv420p"],
            _ => throw new ArgumentOutOfRangeException(nameof(source), source.Format, "Not an image format FFmpeg writes."),
        };
        return [.. encoder, "-frames:v", "1", "-map_metadata", "-1", "-f", "image2pipe", FfmpegArguments.FileUrl(outputPath)];
    }
}
