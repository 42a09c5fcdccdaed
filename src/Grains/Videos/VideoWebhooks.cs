using System.Text.Json;
using AiStudio.Files;
using AiStudio.Webhooks;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>Turns a project's ending into the webhook message to deliver: its VideoStatus JSON with signed file URLs.</summary>
public sealed class VideoWebhooks(IOptions<VideoWebhookOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public WebhookMessage Compose(VideoStatus status, string url, string? secret)
    {
        var settings = options.Value;
        var data = VideoStatusDocument.From(status, key => Signer(settings).CreateUrl(settings.PublicBaseUrl, key));
        var type = status.Status == VideoProjectStatus.Completed ? VideoWebhookEvent.Completed : VideoWebhookEvent.Failed;
        return new WebhookMessage(url, secret, JsonSerializer.Serialize(new VideoWebhookEvent(type, data), Json));
    }

    private static FileLinkSigner Signer(VideoWebhookOptions settings) => string.IsNullOrEmpty(settings.SigningKey)
        ? throw new InvalidOperationException("Storage:SigningKey is required to put signed file URLs in webhooks.")
        : new FileLinkSigner(settings.SigningKey, settings.FileUrlLifetime, TimeProvider.System);
}
