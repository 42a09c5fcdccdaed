using Orleans.Concurrency;

namespace AiStudio.Limits;

/// <summary>A grain that can wait for a provider slot (its key is its holder ID).</summary>
[Alias("AiStudio.Limits.IProviderSlotWaiter")]
public interface IProviderSlotWaiter : IGrainWithStringKey
{
    /// <summary>A slot of <paramref name="providerName"/> is now leased to this holder. One-way, so the slots grain never waits on a holder.</summary>
    [Alias("OnSlotGranted"), OneWay]
    Task OnSlotGrantedAsync(string providerName);
}
