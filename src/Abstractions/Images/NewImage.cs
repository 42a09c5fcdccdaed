namespace AiStudio.Images;

/// <summary>A first version (v1) of an image: the original is already stored under <see cref="OriginalImageKey"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record NewImage(
    [property: Id(0)] string WorkspaceId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string ProjectId,
    [property: Id(3)] string OriginalImageKey,
    [property: Id(4)] string Prompt);
