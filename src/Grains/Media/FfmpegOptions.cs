namespace AiStudio.Media;

/// <summary>Where the FFmpeg tools are, how many may run at once and how long one run may take, bound from the <c>Media</c> section.</summary>
public sealed class FfmpegOptions
{
    public const string SectionName = "Media";

    /// <summary><c>Media:FfmpegPath</c>: the ffmpeg executable, looked up on PATH unless absolute.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary><c>Media:FfprobePath</c>: the ffprobe executable, looked up on PATH unless absolute.</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary><c>Media:FfmpegTimeout</c>: the time limit of a run when the caller gives none; on expiry the process is killed.</summary>
    public TimeSpan FfmpegTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>Media:MaxConcurrentJobs</c>: ffmpeg and ffprobe processes running at once on one silo, for any purpose.</summary>
    public int MaxConcurrentJobs { get; set; } = 2;
}
