namespace AiStudio.Images;

/// <summary>What the edited image hands to the grain of the new version it creates.</summary>
[GenerateSerializer, Immutable]
public sealed record EditSeed(
    [property: Id(0)] string WorkspaceId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string ProjectId,
    [property: Id(3)] string SourceKey,
    [property: Id(4)] string Prompt,
    [property: Id(5)] int Version,
    [property: Id(6)] string RootId,
    [property: Id(7)] ImageMetadata Metadata,
    [property: Id(8)] string? MaskKey);
