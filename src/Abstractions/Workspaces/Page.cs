namespace AiStudio.Workspaces;

/// <summary>A page of IDs, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable]
public sealed record Page(
    [property: Id(0)] IReadOnlyList<string> Ids,
    [property: Id(1)] string? NextCursor);
