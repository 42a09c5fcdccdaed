namespace AiStudio.Tests.Providers.Fal;

/// <summary>How the fal test double spoils a webhook, for the negative cases of the brief's §5.2.</summary>
public enum FalWebhookForgery
{
    None,
    StaleTimestamp,
    TamperedBody,
    WrongKey,
    MissingSignature,
}
