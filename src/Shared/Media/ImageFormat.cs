namespace AiStudio.Media;

/// <summary>The still-image formats the product accepts, recognised by their bytes.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
}
