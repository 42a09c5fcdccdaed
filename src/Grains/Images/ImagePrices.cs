namespace AiStudio.Images;

/// <summary>One image provider's price in cents per job, by operation.</summary>
public sealed class ImagePrices
{
    public int EnhanceCents { get; set; }
    public int InpaintCents { get; set; }

    public int PriceOf(ImageOperation operation) => operation == ImageOperation.Inpaint ? InpaintCents : EnhanceCents;
}
