namespace AiStudio.Media.Video;

/// <summary>
/// What to compile: clips and transitions in order (local MP4 paths under the media root), the music and ambient
/// setting of the soundtrack, and the aspect ratio a re-encode targets. A <see cref="PreparedSoundtrack"/> made for
/// the same music, ambient setting and video length is muxed as it is instead of rendering the soundtrack again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VideoCompileRequest(
    [property: Id(0)] IReadOnlyList<string> SegmentPaths,
    [property: Id(1)] string AspectRatio,
    [property: Id(2)] MusicTrack? Music,
    [property: Id(3)] bool Ambient,
    [property: Id(4)] PreparedSoundtrack? PreparedSoundtrack = null);
