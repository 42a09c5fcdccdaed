namespace AiStudio.Projects;

/// <summary>A page of a cursor-paginated list: <c>{items: [...], nextCursor}</c>, newest first; nextCursor is null on the last page.</summary>
public sealed record ItemPage<T>(IReadOnlyList<T> Items, string? NextCursor);
