namespace AiStudio.Videos;

/// <summary>
/// What a clip run needs, handed out by the clip's grain. <see cref="JobKey"/> is stable per attempt, so asking the
/// provider twice runs the work once; <see cref="ProviderTaskId"/> is set when a task was already submitted and is
/// re-attached; <see cref="Deadline"/> is set once the provider accepted the task; <see cref="Run"/> is the project
/// run the clip works for, which its project must still be generating in before anything is submitted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VideoClipJob(
    [property: Id(0)] string ClipId,
    [property: Id(1)] VideoClipSetup Setup,
    [property: Id(2)] string JobKey,
    [property: Id(3)] string? ProviderTaskId,
    [property: Id(4)] DateTimeOffset? Deadline,
    [property: Id(5)] int Run);
