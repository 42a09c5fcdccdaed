namespace AiStudio.Media.Video;

/// <summary>Picks FFmpeg's demuxer from a file's leading bytes, so FFmpeg never guesses the type of what it opens.</summary>
internal static class MediaSniffer
{
    private const int HeaderLength = 16;

    /// <summary>"jpeg_pipe", "png_pipe" or "webp_pipe", or null when the bytes are none of JPEG, PNG or WebP.</summary>
    public static string? ImageDemuxer(ReadOnlySpan<byte> header) =>
        ImageSniffer.FormatOf(header) is { } format ? FfmpegArguments.ImageDemuxer(format) : null;

    /// <summary>The demuxer for a music file (MP3, AAC, M4A/MP4, WAV, FLAC or Ogg), or null for anything else.</summary>
    public static string? AudioDemuxer(ReadOnlySpan<byte> header) => AudioSniffer.Demuxer(header);

    public static async Task<byte[]> ReadHeaderAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        var buffer = new byte[HeaderLength];
        var read = await file.ReadAtLeastAsync(buffer, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        return buffer[..read];
    }
}
