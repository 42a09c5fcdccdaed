namespace AiStudio.Media;

/// <summary>A run of ffmpeg or ffprobe that exited with code 0. Output longer than the runner keeps is cut.</summary>
public sealed record FfmpegResult(string StandardOutput, string StandardError, TimeSpan Elapsed);
