namespace AiStudio.Videos;

/// <summary>The seed's VideoStatusResponse plus the counts, the current step and label, and timestamps.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkspaceId,
    [property: Id(2)] string Name,
    [property: Id(3)] VideoProjectStatus Status,
    [property: Id(4)] VideoProgress Progress,
    [property: Id(5)] VideoOutput? Output,
    [property: Id(6)] VideoCost Cost,
    [property: Id(7)] string? Error,
    [property: Id(8)] int ClipCount,
    [property: Id(9)] int CompletedClipCount,
    [property: Id(10)] string? Step,
    [property: Id(11)] string? Label,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset UpdatedAt)
{
    /// <summary>The step's percentage (starting 5, generating 10-70, compiling 75-95, completed 100); null in draft.</summary>
    [Id(14)] public int? StepProgress { get; init; }
}
