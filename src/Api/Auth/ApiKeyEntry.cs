namespace AiStudio.Auth;

public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";

    public string WorkspaceId { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>Signs the workspace's webhooks (used by the silos).</summary>
    public string? WebhookSecret { get; set; }
}
