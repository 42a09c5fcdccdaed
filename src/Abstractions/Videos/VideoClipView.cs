namespace AiStudio.Videos;

/// <summary>One row of <c>GET /v1/video-projects/{id}/clips</c>; <see cref="ClipKey"/> is a blob key until the API signs it.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoClipView(
    [property: Id(0)] string Id,
    [property: Id(1)] int SequenceOrder,
    [property: Id(2)] ClipKind Kind,
    [property: Id(3)] ClipStatus Status,
    [property: Id(4)] string? ClipKey,
    [property: Id(5)] string? ErrorMessage);
