namespace AiStudio.Images;

/// <summary>
/// The seed's ImageGeneration record; <see cref="Cost"/> is null on records stored before pricing. Images are referenced by blob keys; the API turns keys into signed URLs.
/// <see cref="QueuePosition"/> is where the remote provider queues the job (0 = next), while it reports one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImageGeneration(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkspaceId,
    [property: Id(2)] string UserId,
    [property: Id(3)] string ProjectId,
    [property: Id(4)] string OriginalImageKey,
    [property: Id(5)] string? ResultImageKey,
    [property: Id(6)] string Prompt,
    [property: Id(7)] int Version,
    [property: Id(8)] string? ParentId,
    [property: Id(9)] ImageStatus Status,
    [property: Id(10)] string? ErrorMessage,
    [property: Id(11)] ImageMetadata? Metadata,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset UpdatedAt,
    [property: Id(14)] ImageCost? Cost = null,
    [property: Id(15)] int? QueuePosition = null);
