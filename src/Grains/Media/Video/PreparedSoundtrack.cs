namespace AiStudio.Media.Video;

/// <summary>
/// A soundtrack rendered ahead of compiling (AAC in MP4 at <see cref="Path"/>, in the compiler's work area) for
/// <see cref="Request"/>. The caller deletes the file once the video is compiled or abandoned.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PreparedSoundtrack(
    [property: Id(0)] string Path,
    [property: Id(1)] SoundtrackRequest Request);
