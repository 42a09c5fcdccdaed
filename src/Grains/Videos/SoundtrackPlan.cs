namespace AiStudio.Videos;

/// <summary>The soundtrack a project will need, known from its plan before any clip exists: music, ambient bed, and the video's length.</summary>
[GenerateSerializer, Immutable]
public sealed record SoundtrackPlan(
    [property: Id(0)] BackgroundMusic? BackgroundMusic,
    [property: Id(1)] bool AmbientAudio,
    [property: Id(2)] double DurationSeconds);
