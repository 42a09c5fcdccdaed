namespace AiStudio.Videos;

/// <summary>Music fetched at creation and stored under <see cref="MusicKey"/>, mixed at <see cref="Volume"/> (0..1).</summary>
[GenerateSerializer, Immutable]
public sealed record BackgroundMusic(
    [property: Id(0)] string MusicKey,
    [property: Id(1)] double Volume);
