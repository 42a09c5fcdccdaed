namespace AiStudio.Providers.Fal;

/// <summary>The fal model ids each job uses (section <c>Fal:Models</c>); the defaults follow the providers brief's model table.</summary>
public sealed class FalModels
{
    /// <summary>Whole-image enhancement guided by the prompt.</summary>
    public string Enhance { get; set; } = "fal-ai/clarity-upscaler";

    /// <summary>Removes what the mask's white region covers.</summary>
    public string Remove { get; set; } = "fal-ai/object-removal/mask";

    /// <summary>Fills the mask's white region with what the prompt describes.</summary>
    public string Add { get; set; } = "fal-ai/flux-pro/v1/fill";

    /// <summary>A clip animated from one image.</summary>
    public string ImageToVideo { get; set; } = "fal-ai/kling-video/v2.1/standard/image-to-video";

    /// <summary>A clip from a start frame to an end frame (<c>tail_image_url</c>), which only Kling's pro tiers take.</summary>
    public string Transition { get; set; } = "fal-ai/kling-video/v2.1/pro/image-to-video";
}
