namespace AiStudio.Media.Video;

/// <summary>Picks FFmpeg's demuxer from a file's leading bytes, so FFmpeg never guesses the type of what it opens.</summary>
internal static class MediaSniffer
{
    private const int HeaderLength = 16;

    /// <summary>"jpeg_pipe", "png_pipe" or "webp_pipe", or null when the bytes are none of JPEG, PNG or WebP.</summary>
    public static string? ImageDemuxer(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return "jpeg_pipe";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png_pipe";
        }

        return header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8) ? "webp_pipe" : null;
    }

    /// <summary>The demuxer for a music file (MP3, AAC, M4A/MP4, WAV, FLAC or Ogg), or null for anything else.</summary>
    public static string? AudioDemuxer(ReadOnlySpan<byte> header) => AudioSniffer.Demuxer(header);

    /// <summary>True for an ISO base media file (MP4, MOV, M4A): its first box is <c>ftyp</c>.</summary>
    public static bool IsIsoMedia(ReadOnlySpan<byte> header) => AudioSniffer.IsIsoMedia(header);

    public static async Task<byte[]> ReadHeaderAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        var buffer = new byte[HeaderLength];
        var read = await file.ReadAtLeastAsync(buffer, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        return buffer[..read];
    }
}
