using AiStudio.Persistence;
using Microsoft.Extensions.Options;

namespace AiStudio.Limits;

/// <summary>
/// Leases the slots of one provider. Leases and the line are persisted, so a limit survives this grain moving to
/// another silo; a timer expires leases that are no longer renewed and hands their slots to the next in line.
/// </summary>
public sealed class ProviderSlotsGrain(
    [PersistentState("provider-slots", "store")] IPersistentState<ProviderSlotsState> state,
    IOptions<ProviderSlotsOptions> options) : Grain, IProviderSlotsGrain
{
    private IGrainTimer? _expiryTimer;

    private int Capacity => Math.Max(1, options.Value.CapacityOf(this.GetPrimaryKeyString()));
    private TimeSpan LeaseDuration => options.Value.ProviderLeaseDuration;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnsureExpiryTimer();
        return Task.CompletedTask;
    }

    public async Task<bool> AcquireAsync(string holderId, bool alreadyStarted)
    {
        var now = DateTimeOffset.UtcNow;
        var granted = ExpireLeases(now, out var changed);
        bool holds;
        if (state.State.Leases.TryGetValue(holderId, out var expiresAt))
        {
            holds = true;
            // Renewals are written only when the stored lease is half spent, so a busy holder does not write on every heartbeat.
            if (expiresAt - now < LeaseDuration / 2)
            {
                state.State.Leases[holderId] = now + LeaseDuration;
                changed = true;
            }
        }
        else if (alreadyStarted || (state.State.Leases.Count < Capacity && IsNextInLine(holderId)))
        {
            holds = true;
            state.State.Waiting.Remove(holderId);
            state.State.Leases[holderId] = now + LeaseDuration;
            changed = true;
        }
        else
        {
            holds = false;
            if (!state.State.Waiting.Contains(holderId))
            {
                state.State.Waiting.Add(holderId);
                changed = true;
            }
        }

        granted.AddRange(GrantFreeSlots(now));
        if (changed || granted.Count > 0)
        {
            await state.WriteOrDeactivateAsync(this);
        }

        Notify(granted);
        EnsureExpiryTimer();
        return holds;
    }

    public async Task ReleaseAsync(string holderId)
    {
        var now = DateTimeOffset.UtcNow;
        var granted = ExpireLeases(now, out var expired);
        var changed = expired | state.State.Leases.Remove(holderId) | state.State.Waiting.Remove(holderId);
        granted.AddRange(GrantFreeSlots(now));
        if (changed || granted.Count > 0)
        {
            await state.WriteOrDeactivateAsync(this);
        }

        Notify(granted);
        EnsureExpiryTimer();
    }

    private async Task ExpireAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var granted = ExpireLeases(now, out var expired);
        if (expired)
        {
            await state.WriteOrDeactivateAsync(this);
        }

        Notify(granted);
        if (state.State.Leases.Count == 0 && state.State.Waiting.Count == 0)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
        }
    }

    /// <summary>Drops leases that ran out and grants their slots; returns the holders granted one.</summary>
    private List<string> ExpireLeases(DateTimeOffset now, out bool expired)
    {
        var holders = state.State.Leases.Where(lease => lease.Value <= now).Select(lease => lease.Key).ToList();
        foreach (var holderId in holders)
        {
            state.State.Leases.Remove(holderId);
        }

        expired = holders.Count > 0;
        return expired ? GrantFreeSlots(now) : [];
    }

    private List<string> GrantFreeSlots(DateTimeOffset now)
    {
        var granted = new List<string>();
        while (state.State.Leases.Count < Capacity && state.State.Waiting.Count > 0)
        {
            var next = state.State.Waiting[0];
            state.State.Waiting.RemoveAt(0);
            state.State.Leases[next] = now + LeaseDuration;
            granted.Add(next);
        }

        return granted;
    }

    /// <summary>A holder may take a free slot only when nobody ahead of it in line is owed one.</summary>
    private bool IsNextInLine(string holderId)
    {
        var position = state.State.Waiting.IndexOf(holderId);
        var ahead = position < 0 ? state.State.Waiting.Count : position;
        return ahead < Capacity - state.State.Leases.Count;
    }

    private void Notify(List<string> granted)
    {
        var providerName = this.GetPrimaryKeyString();
        foreach (var holderId in granted)
        {
            // A holder that names itself by grain id ("type/key") is told through that grain; a plain key is a clip's.
            var waiter = GrainId.TryParse(holderId, out var grainId)
                ? GrainFactory.GetGrain<IProviderSlotWaiter>(grainId)
                : GrainFactory.GetGrain<IProviderSlotWaiter>(holderId);
            waiter.OnSlotGrantedAsync(providerName).Ignore();
        }
    }

    private void EnsureExpiryTimer()
    {
        if (_expiryTimer is not null || (state.State.Leases.Count == 0 && state.State.Waiting.Count == 0))
        {
            return;
        }

        var period = LeaseDuration / 4;
        _expiryTimer = this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }
}
