namespace AiStudio.Videos.Providers;

/// <summary>The failure messages video providers report, worded like the Kling API errors the seed shows.</summary>
public static class VideoProviderErrors
{
    public const string InvalidImageFormat = "Kling API error: Invalid image format";
    public const string RenderingFailed = "Kling API error: Video rendering failed";
}
