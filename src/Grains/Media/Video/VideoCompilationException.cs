namespace AiStudio.Media.Video;

/// <summary>
/// A compile failed. The message is always the seed's "FFmpeg compilation failed"; the cause (with FFmpeg's stderr
/// tail) is the inner exception, for logs only.
/// </summary>
public sealed class VideoCompilationException(Exception innerException) : Exception(FailureMessage, innerException)
{
    public const string FailureMessage = "FFmpeg compilation failed";
}
