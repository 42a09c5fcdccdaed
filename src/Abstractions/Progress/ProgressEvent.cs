namespace AiStudio.Progress;

/// <summary>
/// One progress event of a project, as published on its stream and served as SSE. <see cref="Sequence"/> is
/// strictly increasing per project. Fields that do not apply to the entity are null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProgressEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string EntityId,
    [property: Id(2)] string Status,
    [property: Id(3)] string Step,
    [property: Id(4)] string Label,
    [property: Id(5)] int? Progress,
    [property: Id(6)] DateTimeOffset OccurredAt)
{
    /// <summary>The image an image event is about.</summary>
    [Id(7)] public string? ImageId { get; init; }

    /// <summary>The project's aggregate status, on image-project events (Status is the entity's own status).</summary>
    [Id(8)] public string? ProjectStatus { get; init; }

    [Id(9)] public int? ImageCount { get; init; }
    [Id(10)] public int? CompletedCount { get; init; }
    [Id(11)] public int? FailedCount { get; init; }

    /// <summary>1-based index of the clip a video event is about, while generating.</summary>
    [Id(12)] public int? ClipIndex { get; init; }
    [Id(13)] public int? TotalClips { get; init; }
    [Id(14)] public int? CompletedClipCount { get; init; }
    [Id(15)] public string? ErrorMessage { get; init; }

    /// <summary>True on the last event of a video project (completed or failed); the SSE stream ends after it.</summary>
    [Id(16)] public bool IsTerminal { get; init; }

    /// <summary>True only on the notice a deleted project broadcasts (never logged, never sent); null elsewhere, so clients never see it.</summary>
    [Id(17)] public bool? ClosesStream { get; init; }

    /// <summary>Where a remote provider has the image's or clip's job in its queue (0 = next), while it reports one.</summary>
    [Id(18)] public int? QueuePosition { get; init; }
}
