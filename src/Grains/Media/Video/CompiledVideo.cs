namespace AiStudio.Media.Video;

/// <summary>
/// A compiled H.264 + AAC MP4 (faststart) and its JPEG thumbnail, in a private directory that disposing deletes:
/// publish both (e.g. <c>IBlobStore.PutFileAsync</c>) before disposing. <see cref="StreamCopied"/> tells whether the
/// video was concatenated without re-encoding.
/// </summary>
public sealed class CompiledVideo : IDisposable
{
    private readonly string _directory;

    internal CompiledVideo(string directory, string videoPath, string thumbnailPath, double durationSeconds, bool streamCopied)
    {
        _directory = directory;
        VideoPath = videoPath;
        ThumbnailPath = thumbnailPath;
        DurationSeconds = durationSeconds;
        StreamCopied = streamCopied;
    }

    public string VideoPath { get; }

    public string ThumbnailPath { get; }

    /// <summary>The length of the output as ffprobe reports it.</summary>
    public double DurationSeconds { get; }

    public bool StreamCopied { get; }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
