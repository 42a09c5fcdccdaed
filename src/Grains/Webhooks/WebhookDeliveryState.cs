namespace AiStudio.Webhooks;

[GenerateSerializer]
public sealed class WebhookDeliveryState
{
    [Id(0)] public WebhookMessage? Message { get; set; }
    [Id(1)] public WebhookDeliveryStatus Status { get; set; }
    [Id(2)] public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>Attempts that ended (answered or not).</summary>
    [Id(3)] public int Attempts { get; set; }

    [Id(4)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(5)] public string? LastOutcome { get; set; }
}
