namespace AiStudio.Limits;

/// <summary>Bound from the <c>Videos</c> section: <c>Videos:ProviderConcurrency</c>, <c>Videos:ProviderLeaseDuration</c>.</summary>
public sealed class ProviderSlotsOptions
{
    /// <summary>Provider tasks that may run at once across the whole cluster, per provider.</summary>
    public int ProviderConcurrency { get; set; } = 4;

    /// <summary>A lease not renewed for this long frees its slot (its holder is presumed dead).</summary>
    public TimeSpan ProviderLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
