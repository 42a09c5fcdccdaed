namespace AiStudio.Images.Providers;

/// <summary>A provider job's status; <see cref="ResultPath"/> is set when it succeeded, <see cref="ErrorMessage"/> when it failed.</summary>
public sealed record ImageJobState(ImageJobStatus Status, string? ResultPath, string? ErrorMessage)
{
    public static ImageJobState Unknown { get; } = new(ImageJobStatus.Unknown, null, null);

    public static ImageJobState Queued { get; } = new(ImageJobStatus.Queued, null, null);

    public static ImageJobState Running { get; } = new(ImageJobStatus.Running, null, null);

    public bool IsFinished => Status is ImageJobStatus.Succeeded or ImageJobStatus.Failed;

    public static ImageJobState Succeeded(string resultPath) => new(ImageJobStatus.Succeeded, resultPath, null);

    public static ImageJobState Failed(string errorMessage) => new(ImageJobStatus.Failed, null, errorMessage);
}
