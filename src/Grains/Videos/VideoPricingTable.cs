using AiStudio.Providers;

namespace AiStudio.Videos;

/// <summary>
/// The video price table, bound from <c>Pricing:Videos</c>, a provider per entry. The local FFmpeg stand-in keeps nominal
/// prices so budgets can be exercised offline. fal and Kling follow the public prices of their default models: Kling
/// v2.1 standard clips (fal: $0.28 per 5 s and $0.056 per further second, so 6 cents a second rounded up), fal's
/// transitions on the v2.1 pro tier ($0.49 per 5 s), Kling's own transitions in the configured standard mode. Compiling
/// and the ambient bed run on our own FFmpeg whatever the provider, at the same nominal prices.
/// </summary>
public sealed class VideoPricingTable
{
    public VideoPricingOptions Local { get; set; } = new() { ClipCentsPerSecond = 7, TransitionCents = 10, CompileCents = 5, AmbientAudioCents = 10 };
    public VideoPricingOptions Fal { get; set; } = new() { ClipCentsPerSecond = 6, TransitionCents = 49, CompileCents = 5, AmbientAudioCents = 10 };
    public VideoPricingOptions Kling { get; set; } = new() { ClipCentsPerSecond = 6, TransitionCents = 30, CompileCents = 5, AmbientAudioCents = 10 };

    public bool IsValid => Local.IsValid && Fal.IsValid && Kling.IsValid;

    /// <summary>The entry of the provider <see cref="ProviderChoice"/> read.</summary>
    internal VideoPricingOptions For(string provider) => provider switch
    {
        ProviderChoice.Fal => Fal,
        ProviderChoice.Kling => Kling,
        _ => Local,
    };
}
