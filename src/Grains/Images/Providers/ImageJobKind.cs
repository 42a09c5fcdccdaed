namespace AiStudio.Images.Providers;

/// <summary>What an image provider is asked to do: enhance a whole image, or inpaint the white region of a mask.</summary>
public enum ImageJobKind
{
    Enhance,
    InpaintRemove,
    InpaintAdd,
}
