namespace AiStudio.Limits;

/// <summary>
/// The cluster-wide concurrency limit of one provider (key: the provider's name). Holders get leases that expire
/// unless renewed, so the slot of a holder whose silo died frees itself; holders that find no free slot wait in
/// line and are told through <see cref="IProviderSlotWaiter"/> when one is granted to them.
/// </summary>
[Alias("AiStudio.Limits.IProviderSlotsGrain")]
public interface IProviderSlotsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants or renews <paramref name="holderId"/>'s lease: true when it holds a slot, false when it was put in line.
    /// <paramref name="alreadyStarted"/> says the holder's provider work runs anyway (a resumed task): it is leased even
    /// beyond the limit so that the count stays true, and nobody new starts until the count is below the limit again.
    /// </summary>
    [Alias("Acquire")]
    Task<bool> AcquireAsync(string holderId, bool alreadyStarted);

    /// <summary>Gives the holder's slot (or its place in line) up and grants it to the next in line.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string holderId);
}
