namespace AiStudio.Idempotency;

/// <summary>What <see cref="IIdempotencyGrain.ClaimAsync"/> decided; <see cref="Response"/> is set for a replay.</summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyClaimOutcome Outcome,
    [property: Id(1)] Guid ClaimId,
    [property: Id(2)] StoredResponse? Response);
