using Microsoft.Extensions.Logging;

namespace AiStudio.Limits;

/// <summary>
/// A grain's hold on one of its provider's cluster-wide slots, as the grain sees it between its turns: whether it holds
/// one and when it last renewed it. Calls to the slots grain that fail are logged and left to the lease's expiry or the
/// next ask, so a holder never fails its own work over its slot.
/// </summary>
public sealed class ProviderSlotHold(IGrainFactory grains, string providerName, string holderId, TimeSpan leaseDuration, ILogger logger)
{
    private DateTimeOffset _renewedAt;

    public bool IsHeld { get; private set; }

    private IProviderSlotsGrain Slots => grains.GetGrain<IProviderSlotsGrain>(providerName);

    /// <summary>
    /// Takes (or confirms) a slot, or a place in line; <paramref name="alreadyStarted"/> as
    /// <see cref="IProviderSlotsGrain.AcquireAsync"/> says. When the slots grain cannot be reached the hold stays as it was.
    /// </summary>
    public async Task<bool> TakeAsync(bool alreadyStarted)
    {
        switch (await TryAsync(() => Slots.AcquireAsync(holderId, alreadyStarted), "ask for"))
        {
            case true:
                Granted();
                break;
            case false:
                IsHeld = false;
                break;
        }

        return IsHeld;
    }

    /// <summary>The slots grain granted the slot to the holder waiting in line.</summary>
    public void Granted()
    {
        IsHeld = true;
        _renewedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Renews the lease once a quarter of it is spent, so it never runs out under a live holder.</summary>
    public async Task RenewIfDueAsync()
    {
        if (IsHeld && DateTimeOffset.UtcNow - _renewedAt > leaseDuration / 4
            && await TryAsync(() => Slots.AcquireAsync(holderId, alreadyStarted: true), "renew") is not null)
        {
            _renewedAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Gives up the slot or the place in line.</summary>
    public async Task ReleaseAsync()
    {
        IsHeld = false;
        await TryAsync(async () =>
        {
            await Slots.ReleaseAsync(holderId);
            return true;
        }, "release");
    }

    /// <summary>The call's answer, or null when the slots grain could not be reached.</summary>
    private async Task<bool?> TryAsync(Func<Task<bool>> call, string action)
    {
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{Holder} could not {Action} a slot of {Provider}", holderId, action, providerName);
            return null;
        }
    }
}
