namespace AiStudio.Webhooks;

/// <summary>Where a delivery stands: its status, the attempts made, and the outcome of the last one.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDelivery(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] WebhookDeliveryStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] string? LastOutcome,
    [property: Id(4)] DateTimeOffset? NextAttemptAt);
