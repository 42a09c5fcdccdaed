namespace AiStudio.Media.Video;

/// <summary>
/// The audio of a video of <see cref="DurationSeconds"/>: <see cref="Music"/> if any, an ambient bed when
/// <see cref="Ambient"/>, silence when neither. A video's duration is the sum of its clips' seconds plus
/// <see cref="VideoEncodingProfile.TransitionSeconds"/> per transition, so it is known before any clip exists.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SoundtrackRequest(
    [property: Id(0)] MusicTrack? Music,
    [property: Id(1)] bool Ambient,
    [property: Id(2)] double DurationSeconds);
