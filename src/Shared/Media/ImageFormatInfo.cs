namespace AiStudio.Media;

/// <summary>
/// What <see cref="ImageSniffer"/> read from an image's headers without decoding it.
/// <see cref="Extension"/> has no dot (<c>jpg</c>, <c>png</c>, <c>webp</c>), as used in blob keys.
/// </summary>
public sealed record ImageFormatInfo(
    ImageFormat Format,
    int Width,
    int Height,
    string ContentType,
    string Extension,
    bool HasAlpha)
{
    /// <summary>Width times height, without overflow, for enforcing a pixel limit before anything decodes the image.</summary>
    public long PixelCount => (long)Width * Height;
}
