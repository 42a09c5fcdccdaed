namespace AiStudio.Limits;

/// <summary>
/// The cluster-wide provider limits. <c>Providers:Concurrency:&lt;providerName&gt;</c> sets one provider's limit; a
/// provider not named there takes <c>Videos:ProviderConcurrency</c> when that is set, else its default of
/// <see cref="DefaultConcurrency"/>. <c>Videos:ProviderLeaseDuration</c> is how long a lease lasts unrenewed.
/// </summary>
public sealed class ProviderSlotsOptions
{
    public const string ConcurrencySection = "Providers:Concurrency";

    /// <summary>The limit of a provider with no default of its own.</summary>
    public const int FallbackConcurrency = 4;

    /// <summary>
    /// The local FFmpeg providers are bounded per silo by <c>Media:MaxConcurrentJobs</c>, so their cluster-wide limit only
    /// guards against runaway counts; fal's concurrency is per account (new accounts start low); Kling's API refuses
    /// beyond a few tasks at once.
    /// </summary>
    public static IReadOnlyDictionary<string, int> DefaultConcurrency { get; } = new Dictionary<string, int>
    {
        ["local-ffmpeg"] = 256,
        ["fal"] = 10,
        ["kling"] = 4,
    };

    /// <summary>Provider tasks that may run at once across the whole cluster, by provider name.</summary>
    public Dictionary<string, int> Concurrency { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limit of every provider not named in <see cref="Concurrency"/> (<c>Videos:ProviderConcurrency</c>); unset by default.</summary>
    public int? ProviderConcurrency { get; set; }

    /// <summary>A lease not renewed for this long frees its slot (its holder is presumed dead).</summary>
    public TimeSpan ProviderLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many tasks of <paramref name="providerName"/> may run at once across the cluster.</summary>
    public int CapacityOf(string providerName) =>
        Concurrency.TryGetValue(providerName, out var configured) ? configured
        : ProviderConcurrency ?? DefaultConcurrency.GetValueOrDefault(providerName, FallbackConcurrency);
}
