namespace AiStudio.Videos;

/// <summary>A validated request to create a video project; <see cref="WebhookSecret"/> is the workspace's signing secret.</summary>
[GenerateSerializer, Immutable]
public sealed record NewVideoProject(
    [property: Id(0)] string WorkspaceId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<VideoClipSpec> Clips,
    [property: Id(4)] bool Transitions,
    [property: Id(5)] BackgroundMusic? BackgroundMusic,
    [property: Id(6)] bool AmbientAudio,
    [property: Id(7)] string AspectRatio,
    [property: Id(8)] string? WebhookUrl,
    [property: Id(9)] string? WebhookSecret);
