namespace AiStudio.Webhooks;

public static class WebhookDeliveryKeys
{
    /// <summary>The delivery of the <paramref name="ordinal"/>-th event of <paramref name="sourceId"/>: stable, so scheduling twice delivers once.</summary>
    public static string For(string sourceId, int ordinal) => $"whk_{sourceId}_{ordinal}";
}
