namespace AiStudio.Workspaces;

/// <summary>An indexed entity with the ordinal it was added at; cursors are ordinals, so deletions do not shift pages.</summary>
[GenerateSerializer]
public sealed record WorkspaceEntry([property: Id(0)] long Ordinal, [property: Id(1)] string Id);
