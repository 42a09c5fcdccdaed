namespace AiStudio.Images;

/// <summary>
/// Everything a processing run needs, handed out by the image's grain. <see cref="JobKey"/> is stable per attempt,
/// so a provider that is asked twice runs the work once; <see cref="ProviderTaskId"/> is set when a task was already submitted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImageJob(
    [property: Id(0)] string ImageId,
    [property: Id(1)] string WorkspaceId,
    [property: Id(2)] ImageOperation Operation,
    [property: Id(3)] string? EditMode,
    [property: Id(4)] string SourceKey,
    [property: Id(5)] string? MaskKey,
    [property: Id(6)] string Prompt,
    [property: Id(7)] string JobKey,
    [property: Id(8)] string? ProviderTaskId);
