namespace AiStudio.Videos;

/// <summary>The body of a video webhook: <c>{type: "video.completed" | "video.failed", data: VideoStatus}</c>.</summary>
public sealed record VideoWebhookEvent(string Type, VideoStatusDocument Data)
{
    public const string Completed = "video.completed";
    public const string Failed = "video.failed";
}
