namespace AiStudio.Webhooks;

/// <summary>One event to deliver: the receiver, the secret to sign with (none: unsigned), and the JSON body, fixed for every attempt.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookMessage(
    [property: Id(0)] string Url,
    [property: Id(1)] string? Secret,
    [property: Id(2)] string Body);
