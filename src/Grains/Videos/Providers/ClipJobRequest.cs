namespace AiStudio.Videos.Providers;

/// <summary>
/// A clip of <see cref="DurationSeconds"/> (5 or 10) animated from the image at <see cref="SourceImagePath"/>, in
/// <see cref="VideoJobRequest.AspectRatio"/> ("16:9", "9:16" or "1:1").
/// </summary>
public sealed record ClipJobRequest(string JobKey, string SourceImagePath, string Prompt, int DurationSeconds, string AspectRatio)
    : VideoJobRequest(JobKey, AspectRatio);
