namespace AiStudio.Tests.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got; header names are lowercase.</summary>
public sealed record ReceivedWebhook(string Method, IReadOnlyDictionary<string, string> Headers, string Body);
