namespace AiStudio.Videos;

/// <summary>The finished video and its thumbnail as blob keys (the API turns them into signed URLs), and its probed length.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoOutput(
    [property: Id(0)] string VideoKey,
    [property: Id(1)] string ThumbnailKey,
    [property: Id(2)] double DurationSeconds);
