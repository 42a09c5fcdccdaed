namespace AiStudio.Videos;

/// <summary>
/// What a silo needs to put file URLs in webhooks the way the API serves them: <c>Api:PublicBaseUrl</c> (where
/// receivers reach the API), <c>Storage:SigningKey</c> (shared with the API), and how long those URLs stay valid.
/// </summary>
public sealed class VideoWebhookOptions
{
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
    public string? SigningKey { get; set; }
    public TimeSpan FileUrlLifetime { get; set; } = TimeSpan.FromDays(7);
}
