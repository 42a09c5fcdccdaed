namespace AiStudio.Videos;

/// <summary>The body of <c>POST /v1/video-projects</c>; every field is checked by <see cref="VideoProjectIntake"/>.</summary>
public sealed record CreateVideoProjectRequest(
    string? Name,
    IReadOnlyList<VideoClipRequest?>? Clips,
    bool? Transitions,
    BackgroundMusicRequest? BackgroundMusic,
    bool? AmbientAudio,
    string? AspectRatio,
    string? WebhookUrl);
