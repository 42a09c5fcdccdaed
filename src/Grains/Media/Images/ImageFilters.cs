namespace AiStudio.Media.Images;

/// <summary>The FFmpeg commands behind local image enhancement and object removal; the output keeps the source's format and size.</summary>
internal static class ImageFilters
{
    /// <summary>
    /// Denoise first (so later steps do not amplify noise), then a medium S-curve for tone and contrast, a little more
    /// saturation and gamma, and an unsharp mask on luma only; worked in full-resolution chroma so PNG and WebP sources
    /// are not subsampled twice. The denoiser has no alpha support, so an alpha channel is split off and merged back.
    /// </summary>
    public static IEnumerable<string> EnhanceArguments(string sourcePath, ImageFormatInfo source, string outputPath)
    {
        const string chain = "format=yuv444p,hqdn3d=3:2:0:0,format=gbrp,curves=preset=medium_contrast," +
            "format=yuv444p,eq=saturation=1.15:gamma=1.02,unsharp=5:5:0.6:5:5:0";
        var graph = source.HasAlpha
            ? $"[0:v]format=gbrap,split=2[color][alpha];[alpha]alphaextract[mask];[color]{chain}[enhanced];[enhanced][mask]alphamerge[out]"
            : $"[0:v]{chain}[out]";
        return [.. FfmpegArguments.ImageInput(sourcePath, source.Format), "-filter_complex", graph, "-map", "[out]", .. Output(source, outputPath)];
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
