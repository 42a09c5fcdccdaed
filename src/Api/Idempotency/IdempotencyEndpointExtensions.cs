namespace AiStudio.Idempotency;

public static class IdempotencyEndpointExtensions
{
    /// <summary>A repeat of this POST with the same Idempotency-Key and body returns the first response and does nothing new.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(IdempotentRequestMetadata.Instance);
}
