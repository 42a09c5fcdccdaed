namespace AiStudio.Images;

/// <summary>
/// The image price table, bound from <c>Pricing:Images</c>, a provider per entry. The local FFmpeg stand-in costs a
/// nominal cent so budgets can be exercised without a remote provider; fal's defaults follow its public per-image prices.
/// </summary>
public sealed class ImagePricingOptions
{
    public ImagePrices Local { get; set; } = new() { EnhanceCents = 1, InpaintCents = 1 };
    public ImagePrices Fal { get; set; } = new() { EnhanceCents = 4, InpaintCents = 5 };
}
