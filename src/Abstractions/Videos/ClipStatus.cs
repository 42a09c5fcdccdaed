namespace AiStudio.Videos;

/// <summary>One clip's lifecycle: pending -> generating -> completed | failed.</summary>
[GenerateSerializer]
public enum ClipStatus
{
    Pending,
    Generating,
    Completed,
    Failed,
}
