namespace AiStudio.Media.Video;

/// <summary>Background music: a local file under the media root, mixed at <see cref="Volume"/> (0..1), looped or cut to the video.</summary>
[GenerateSerializer, Immutable]
public sealed record MusicTrack(
    [property: Id(0)] string Path,
    [property: Id(1)] double Volume);
