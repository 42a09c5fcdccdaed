using FFMpegCore;

namespace AiStudio.Media;

/// <summary>Argument fragments that keep FFmpeg from meeting untrusted input unguarded.</summary>
public static class FfmpegArguments
{
    /// <summary>
    /// Input options for one local file read with the given demuxer: no format probing, and only the <c>file</c>
    /// protocol, so a disguised playlist or a reference to a URL cannot make FFmpeg open anything else.
    /// </summary>
    public static IEnumerable<string> Input(string path, string demuxer) =>
        ["-f", demuxer, "-protocol_whitelist", "file", "-i", FileUrl(path)];

    /// <summary>The same guard for an input of a command built with FFMpegCore: the demuxer we chose, and only the file protocol.</summary>
    public static FFMpegInputOptions GuardedAs(this FFMpegInputOptions options, string demuxer) =>
        options.ForceFormat(demuxer).WithCustomArgument("-protocol_whitelist file");

    /// <summary>Input options for an image whose format was sniffed from its bytes.</summary>
    public static IEnumerable<string> ImageInput(string path, ImageFormat format) => Input(path, ImageDemuxer(format));

    /// <summary>The single-image demuxer for a sniffed format.</summary>
    public static string ImageDemuxer(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpeg_pipe",
        ImageFormat.Png => "png_pipe",
        ImageFormat.WebP => "webp_pipe",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an image format FFmpeg is given."),
    };

    /// <summary>An absolute <c>file:</c> URL, so a path containing a colon is never read as another protocol.</summary>
    public static string FileUrl(string path) => "file:" + Path.GetFullPath(path);
}
