namespace AiStudio.Videos.Providers;

/// <summary>A short clip leading from the end of <see cref="FromClipPath"/> into the start of <see cref="ToClipPath"/>.</summary>
public sealed record TransitionJobRequest(string JobKey, string FromClipPath, string ToClipPath, string AspectRatio)
    : VideoJobRequest(JobKey, AspectRatio);
