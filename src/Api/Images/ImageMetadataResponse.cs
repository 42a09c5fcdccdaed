namespace AiStudio.Images;

public sealed record ImageMetadataResponse(string? EditedFrom, DateTime? EditedAt, string? EditMode, string? Model)
{
    public static ImageMetadataResponse? From(ImageMetadata? metadata) => metadata is null
        ? null
        : new ImageMetadataResponse(metadata.EditedFrom, metadata.EditedAt?.UtcDateTime, metadata.EditMode, metadata.Model);
}
