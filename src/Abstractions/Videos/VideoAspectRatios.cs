namespace AiStudio.Videos;

/// <summary>The aspect ratios a video project may ask for; 16:9 when it does not say.</summary>
public static class VideoAspectRatios
{
    public const string Landscape = "16:9";
    public const string Portrait = "9:16";
    public const string Square = "1:1";
    public const string Default = Landscape;

    public static IReadOnlyList<string> All { get; } = [Landscape, Portrait, Square];

    public static bool IsSupported(string? aspectRatio) => aspectRatio is Landscape or Portrait or Square;
}
