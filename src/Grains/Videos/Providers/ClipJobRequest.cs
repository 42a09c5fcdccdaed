namespace AiStudio.Videos.Providers;

/// <summary>
/// A clip of <see cref="DurationSeconds"/> (one of <see cref="VideoRequestRules.ClipDurations"/>) animated from the image
/// at <see cref="SourceImagePath"/>, in <see cref="VideoJobRequest.AspectRatio"/> (one of <see cref="VideoAspectRatios.All"/>).
/// <see cref="JobKey"/> makes the submit idempotent.
/// </summary>
public sealed record ClipJobRequest(string JobKey, string SourceImagePath, string Prompt, int DurationSeconds, string AspectRatio)
    : VideoJobRequest(JobKey, AspectRatio);
