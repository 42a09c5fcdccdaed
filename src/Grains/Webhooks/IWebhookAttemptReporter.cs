namespace AiStudio.Webhooks;

/// <summary>The side of a delivery grain that the sender reports to; reports of attempts the grain no longer waits for are ignored.</summary>
[Alias("AiStudio.Webhooks.IWebhookAttemptReporter")]
public interface IWebhookAttemptReporter : IGrainWithStringKey
{
    [Alias("RecordAttempt")]
    Task RecordAttemptAsync(Guid attemptId, WebhookAttemptResult result);
}
