using AiStudio.Images;

namespace AiStudio.Projects;

/// <summary>
/// An image's step, reported by its grain to its project, which counts it and publishes it; <see cref="QueuePosition"/>
/// while the remote provider queues the job and says where; <see cref="OnceKey"/> on a report that may be repeated
/// after a lost answer (an attempt's terminal event), so the project logs and sends it once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImageProgress(
    [property: Id(0)] string ImageId,
    [property: Id(1)] ImageStatus Status,
    [property: Id(2)] string Step,
    [property: Id(3)] string Label,
    [property: Id(4)] int Progress,
    [property: Id(5)] string? ErrorMessage,
    [property: Id(6)] int? QueuePosition = null,
    [property: Id(7)] string? OnceKey = null);
