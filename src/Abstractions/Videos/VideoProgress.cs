namespace AiStudio.Videos;

/// <summary>The seed's <c>progress</c>: completed clips of all clips, as a rounded percentage.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoProgress(
    [property: Id(0)] int Completed,
    [property: Id(1)] int Total,
    [property: Id(2)] int Percentage);
