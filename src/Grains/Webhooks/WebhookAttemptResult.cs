namespace AiStudio.Webhooks;

/// <summary>How one POST went: a 2xx answer, or what went wrong (status code, time-out, refusal).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookAttemptResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string Outcome);
