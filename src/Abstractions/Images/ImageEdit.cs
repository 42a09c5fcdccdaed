namespace AiStudio.Images;

/// <summary>
/// An edit of a completed image, asked of the image being edited. With a mask (already stored under
/// <see cref="MaskKey"/>) the edit is an inpaint in <see cref="EditMode"/>; without one it re-processes the
/// edited image's result with a new prompt.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImageEdit(
    [property: Id(0)] string NewImageId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Prompt,
    [property: Id(3)] string? EditMode,
    [property: Id(4)] string? MaskKey);
