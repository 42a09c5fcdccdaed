namespace AiStudio.Videos;

/// <summary>The seed's error messages for video projects, verbatim.</summary>
public static class VideoErrors
{
    public const string ProjectNotFound = "Video project not found";
    public const string NoClips = "Video project has no clips";
    public const string CompilationFailed = "FFmpeg compilation failed";
    public const string StorageUnavailable = "Storage unavailable";
    public const string Canceled = "Canceled";

    public static string ClipTimeout(string clipId) => $"Clip generation timeout (ID: {clipId})";
}
