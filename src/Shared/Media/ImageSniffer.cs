namespace AiStudio.Media;

/// <summary>
/// Recognises JPEG, PNG and WebP by their bytes, never by name, and reads their dimensions from the headers without
/// decoding, so callers can refuse anything else (a playlist named .jpg, an SVG, a GIF, a cut-off upload) and enforce a
/// pixel limit before a decoder ever runs. The file is walked to its end marker: segments or chunks that run past the
/// end of the content make it unreadable (null).
/// </summary>
public static class ImageSniffer
{
    /// <summary>The format and size of a complete JPEG, PNG or WebP image, or null for anything else.</summary>
    public static ImageFormatInfo? Sniff(ReadOnlySpan<byte> content) =>
        JpegReader.Read(content) ?? PngReader.Read(content) ?? WebPReader.Read(content);

    /// <summary>The size of a complete PNG image (masks must be PNG), or null when the content is anything else.</summary>
    public static ImageFormatInfo? SniffPng(ReadOnlySpan<byte> content) => PngReader.Read(content);

    /// <summary>Sniffs a file the server already holds; its size was bounded when it was accepted.</summary>
    public static async Task<ImageFormatInfo?> SniffFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return Sniff(content);
    }

    /// <summary>The format the leading bytes announce, the rest unread: for choosing a decoder for a file the server made.</summary>
    public static ImageFormat? FormatOf(ReadOnlySpan<byte> header) =>
        JpegReader.HasSignature(header) ? ImageFormat.Jpeg
        : PngReader.HasSignature(header) ? ImageFormat.Png
        : WebPReader.HasSignature(header) ? ImageFormat.WebP
        : null;
}
