namespace AiStudio.Videos;

/// <summary>
/// What a clip grain is created with. A clip renders <see cref="SourceImageKey"/> for <see cref="DurationSeconds"/>;
/// a transition blends the end of <see cref="FromClipKey"/> into the start of <see cref="ToClipKey"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VideoClipSetup(
    [property: Id(0)] string VideoProjectId,
    [property: Id(1)] string WorkspaceId,
    [property: Id(2)] ClipKind Kind,
    [property: Id(3)] int SequenceOrder,
    [property: Id(4)] string? SourceImageKey,
    [property: Id(5)] string? Prompt,
    [property: Id(6)] int DurationSeconds,
    [property: Id(7)] string AspectRatio,
    [property: Id(8)] string? FromClipKey,
    [property: Id(9)] string? ToClipKey,
    [property: Id(10)] string ResultKey);
