using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Problems;

namespace AiStudio.Images;

public static class ImageLookup
{
    public const string NotFoundMessage = "Image generation not found";

    /// <summary>The caller's image, or 404 for a malformed, unknown or foreign ID alike.</summary>
    public static async Task<(IImageGenerationGrain Grain, ImageGeneration Image)> RequireAsync(IClusterClient client, Caller caller, string imageId)
    {
        if (!EntityIds.IsWellFormed(imageId, EntityIds.ImagePrefix))
        {
            throw ApiProblemException.NotFound(NotFoundMessage);
        }

        var grain = client.GetGrain<IImageGenerationGrain>(imageId);
        var image = await grain.GetAsync();
        if (image is null || image.WorkspaceId != caller.WorkspaceId)
        {
            throw ApiProblemException.NotFound(NotFoundMessage);
        }

        return (grain, image);
    }
}
