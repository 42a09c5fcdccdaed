using AiStudio.Persistence;

namespace AiStudio.Idempotency;

/// <summary>One Idempotency-Key of one workspace; see <see cref="IIdempotencyGrain"/>. Expired records are overwritten on the next claim.</summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", "store")] IPersistentState<IdempotencyRecord> record) : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyClaim> ClaimAsync(string fingerprint, TimeSpan lease, TimeSpan retention)
    {
        var now = DateTimeOffset.UtcNow;
        var state = record.State;
        var isLive = state.Fingerprint is not null && state.ExpiresAt > now;

        if (isLive && state.Fingerprint != fingerprint)
        {
            return new IdempotencyClaim(IdempotencyClaimOutcome.Mismatch, Guid.Empty, null);
        }

        if (isLive && state.Response is not null)
        {
            return new IdempotencyClaim(IdempotencyClaimOutcome.Replay, Guid.Empty, state.Response);
        }

        if (isLive && state.LeaseUntil > now)
        {
            return new IdempotencyClaim(IdempotencyClaimOutcome.InProgress, Guid.Empty, null);
        }

        record.State = new IdempotencyRecord
        {
            Fingerprint = fingerprint,
            ClaimId = Guid.NewGuid(),
            LeaseUntil = now + lease,
            ExpiresAt = isLive ? state.ExpiresAt : now + retention,
        };
        await record.WriteOrDeactivateAsync(this);
        return new IdempotencyClaim(IdempotencyClaimOutcome.Acquired, record.State.ClaimId, null);
    }

    public async Task CompleteAsync(Guid claimId, StoredResponse response)
    {
        if (!HoldsOpenClaim(claimId))
        {
            return;
        }

        record.State.Response = response;
        await record.WriteOrDeactivateAsync(this);
    }

    public async Task ReleaseAsync(Guid claimId)
    {
        if (!HoldsOpenClaim(claimId))
        {
            return;
        }

        await record.ClearOrDeactivateAsync(this);
        record.State = new IdempotencyRecord();
    }

    private bool HoldsOpenClaim(Guid claimId) =>
        claimId != Guid.Empty && record.State.ClaimId == claimId && record.State.Response is null;
}
