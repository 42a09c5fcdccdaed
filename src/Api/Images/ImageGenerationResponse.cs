using AiStudio.Files;

namespace AiStudio.Images;

/// <summary>The seed's ImageGeneration as the API answers it: blob keys turned into absolute signed URLs, times in UTC, cost in cents.</summary>
public sealed record ImageGenerationResponse(
    string Id,
    string WorkspaceId,
    string UserId,
    string ProjectId,
    string OriginalImageUrl,
    string? ResultImageUrl,
    string Prompt,
    int Version,
    string? ParentId,
    string Status,
    string? ErrorMessage,
    ImageMetadataResponse? Metadata,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    ImageCost Cost,
    int? QueuePosition)
{
    public static ImageGenerationResponse From(ImageGeneration image, FileLinkSigner links, HttpRequest request) => new(
        image.Id,
        image.WorkspaceId,
        image.UserId,
        image.ProjectId,
        links.CreateUrl(request, image.OriginalImageKey),
        image.ResultImageKey is null ? null : links.CreateUrl(request, image.ResultImageKey),
        image.Prompt,
        image.Version,
        image.ParentId,
        image.Status.ToString().ToLowerInvariant(),
        image.ErrorMessage,
        ImageMetadataResponse.From(image.Metadata),
        image.CreatedAt.UtcDateTime,
        image.UpdatedAt.UtcDateTime,
        // Images accepted before pricing carried no cost: they were not charged.
        image.Cost ?? new ImageCost(0, 0),
        image.QueuePosition);
}
