namespace AiStudio.Videos.Providers;

/// <summary>Where a provider task stands; <see cref="ResultPath"/> is set once it succeeded, <see cref="ErrorMessage"/> once it failed.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoJobState(
    [property: Id(0)] VideoJobStatus Status,
    [property: Id(1)] string? ResultPath = null,
    [property: Id(2)] string? ErrorMessage = null)
{
    public static VideoJobState Queued { get; } = new(VideoJobStatus.Queued);

    public static VideoJobState Running { get; } = new(VideoJobStatus.Running);

    public static VideoJobState Succeeded(string resultPath) => new(VideoJobStatus.Succeeded, ResultPath: resultPath);

    public static VideoJobState Failed(string errorMessage) => new(VideoJobStatus.Failed, ErrorMessage: errorMessage);

    public bool IsFinished => Status is VideoJobStatus.Succeeded or VideoJobStatus.Failed;
}
