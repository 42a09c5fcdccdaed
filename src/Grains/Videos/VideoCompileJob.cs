using AiStudio.Media.Video;

namespace AiStudio.Videos;

/// <summary>What a compile run needs: the segments' files in order, the audio to mix (prepared ahead when it could be), and where to publish the result.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoCompileJob(
    [property: Id(0)] string VideoProjectId,
    [property: Id(1)] IReadOnlyList<string> SegmentKeys,
    [property: Id(2)] BackgroundMusic? BackgroundMusic,
    [property: Id(3)] bool AmbientAudio,
    [property: Id(4)] string AspectRatio,
    [property: Id(5)] string VideoKey,
    [property: Id(6)] string ThumbnailKey,
    [property: Id(7)] PreparedSoundtrack? Soundtrack);
