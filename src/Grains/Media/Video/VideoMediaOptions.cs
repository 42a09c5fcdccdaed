namespace AiStudio.Media.Video;

/// <summary>Settings of video rendering and compiling, bound from <c>Media</c> (and <c>Storage:Root</c> for the media root).</summary>
public sealed class VideoMediaOptions
{
    public const string SectionName = "Media";

    /// <summary>The media directory shared by silos and the API (<c>Storage:Root</c>); every file FFmpeg touches lives under it.</summary>
    public string StorageRoot { get; set; } = ".data/media";

    public TimeSpan RenderTimeLimit { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan CompileTimeLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Private working directories of compiles and soundtracks: <c>{StorageRoot}/.work/video</c>.</summary>
    public string WorkDirectory => Path.Combine(MediaPathGuard.NormalizeRoot(StorageRoot), ".work", "video");
}
