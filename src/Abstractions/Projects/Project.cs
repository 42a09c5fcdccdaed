namespace AiStudio.Projects;

/// <summary>The seed's image project with its aggregate counts.</summary>
[GenerateSerializer, Immutable]
public sealed record Project(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkspaceId,
    [property: Id(2)] string Name,
    [property: Id(3)] ProjectStatus Status,
    [property: Id(4)] int ImageCount,
    [property: Id(5)] int CompletedCount,
    [property: Id(6)] int FailedCount,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt);
