namespace AiStudio.Webhooks;

[GenerateSerializer]
public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    GaveUp,
}
