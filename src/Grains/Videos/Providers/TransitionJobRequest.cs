namespace AiStudio.Videos.Providers;

/// <summary>A short clip leading from the end of <see cref="FromClipPath"/> into the start of <see cref="ToClipPath"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record TransitionJobRequest(
    [property: Id(0)] string JobKey,
    [property: Id(1)] string FromClipPath,
    [property: Id(2)] string ToClipPath,
    [property: Id(3)] string AspectRatio);
