using Orleans.Concurrency;
using Orleans.Metadata;

namespace AiStudio.Limits;

/// <summary>
/// A grain that can wait for a provider slot: a clip, whose key is its holder ID (the default grain type), or an image,
/// whose holder ID is its grain id.
/// </summary>
[Alias("AiStudio.Limits.IProviderSlotWaiter"), DefaultGrainType("videoclip")]
public interface IProviderSlotWaiter : IGrainWithStringKey
{
    /// <summary>A slot of <paramref name="providerName"/> is now leased to this holder. One-way, so the slots grain never waits on a holder.</summary>
    [Alias("OnSlotGranted"), OneWay]
    Task OnSlotGrantedAsync(string providerName);
}
