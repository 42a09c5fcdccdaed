namespace AiStudio.Media;

/// <summary>
/// What <see cref="ImageSniffer"/> read from an image's headers without decoding it.
/// <see cref="Extension"/> has no dot (<c>jpg</c>, <c>png</c>, <c>webp</c>), as used in blob keys.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImageFormatInfo(
    [property: Id(0)] ImageFormat Format,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] string ContentType,
    [property: Id(4)] string Extension,
    [property: Id(5)] bool HasAlpha)
{
    /// <summary>Width times height, without overflow, for enforcing a pixel limit before anything decodes the image.</summary>
    public long PixelCount => (long)Width * Height;
}
