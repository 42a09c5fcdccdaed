namespace AiStudio.Images;

/// <summary>What the edited image hands to the grain of the new version it creates, with the usage grain its cost is already reserved in.</summary>
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
    [property: Id(8)] string? MaskKey,
    [property: Id(9)] string UsageKey);
