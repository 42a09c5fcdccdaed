using Orleans.Concurrency;

namespace AiStudio.Webhooks;

/// <summary>
/// Delivers one webhook event (key: its <c>webhook-id</c>, e.g. <c>whk_{videoProjectId}_{n}</c>) until the receiver
/// answers 2xx or the retry window closes. Its state survives restarts; the same ID is sent on every attempt.
/// </summary>
[Alias("AiStudio.Webhooks.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Persists the message and starts delivering it; repeating the call changes nothing.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync(WebhookMessage message);

    /// <summary>Where the delivery stands, or null when nothing was scheduled under this ID.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<WebhookDelivery?> GetAsync();
}
