namespace AiStudio.Idempotency;

/// <summary>The state of an <see cref="IdempotencyGrain"/>: who holds the key, for which request, and the stored response.</summary>
[GenerateSerializer]
public sealed class IdempotencyRecord
{
    [Id(0)] public string? Fingerprint { get; set; }
    [Id(1)] public Guid ClaimId { get; set; }
    [Id(2)] public DateTimeOffset LeaseUntil { get; set; }
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(4)] public StoredResponse? Response { get; set; }
}
