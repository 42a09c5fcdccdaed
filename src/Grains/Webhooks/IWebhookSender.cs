namespace AiStudio.Webhooks;

/// <summary>Makes webhook POSTs outside grain turns and reports each outcome to the delivery grain.</summary>
public interface IWebhookSender
{
    /// <summary>Starts one attempt in the background and returns at once.</summary>
    void Send(string webhookId, Guid attemptId, WebhookMessage message);
}
