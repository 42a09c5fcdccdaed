namespace AiStudio.Videos;

/// <summary>A clip's state as its grain tells it to its project; <see cref="Run"/> is the project run it last worked for.</summary>
[GenerateSerializer, Immutable]
public sealed record ClipReport(
    [property: Id(0)] VideoClipView View,
    [property: Id(1)] int Run);
