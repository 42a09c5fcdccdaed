namespace AiStudio.Idempotency;

/// <summary>
/// Remembers one <c>Idempotency-Key</c> of one workspace (key: <see cref="IdempotencyKeys.GrainKey"/>): the request it
/// was first used with and the response that request got, so a repeat returns that response and does nothing new.
/// </summary>
[Alias("AiStudio.Idempotency.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the key for a request with <paramref name="fingerprint"/>. A claim that is neither completed nor released
    /// within <paramref name="lease"/> lapses (its holder is presumed dead); the record is forgotten after <paramref name="retention"/>.
    /// </summary>
    [Alias("Claim")]
    Task<IdempotencyClaim> ClaimAsync(string fingerprint, TimeSpan lease, TimeSpan retention);

    /// <summary>Stores the response of the claimed request; a lapsed claim is ignored.</summary>
    [Alias("Complete")]
    Task CompleteAsync(Guid claimId, StoredResponse response);

    /// <summary>Gives the key up without a response (the request failed in a way worth retrying).</summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid claimId);
}
