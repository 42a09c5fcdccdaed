namespace AiStudio.Images;

/// <summary>The seed's <c>metadata</c>: where an edit came from, when, in which inpaint mode, and the model used.</summary>
[GenerateSerializer, Immutable]
public sealed record ImageMetadata(
    [property: Id(0)] string? EditedFrom,
    [property: Id(1)] DateTimeOffset? EditedAt,
    [property: Id(2)] string? EditMode,
    [property: Id(3)] string? Model);
