namespace AiStudio.Idempotency;

/// <summary>Marks an endpoint whose POSTs honour the Idempotency-Key header.</summary>
public sealed class IdempotentRequestMetadata
{
    public static readonly IdempotentRequestMetadata Instance = new();
}
