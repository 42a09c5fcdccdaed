namespace AiStudio.Images;

/// <summary>What processing does to the source: enhance it, or inpaint the mask's region.</summary>
[GenerateSerializer]
public enum ImageOperation
{
    Enhance,
    Inpaint,
}
