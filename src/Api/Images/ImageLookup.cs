using AiStudio.Auth;
using AiStudio.Common;

namespace AiStudio.Images;

public static class ImageLookup
{
    public const string NotFoundMessage = "Image generation not found";

    /// <summary>The caller's image, or 404 for a malformed, unknown or foreign ID alike.</summary>
    public static Task<(IImageGenerationGrain Grain, ImageGeneration Image)> RequireAsync(IClusterClient client, Caller caller, string imageId) =>
        WorkspaceScope.RequireAsync<IImageGenerationGrain, ImageGeneration>(
            client, caller, imageId, EntityIds.ImagePrefix, NotFoundMessage, grain => grain.GetAsync(), image => image.WorkspaceId);
}
