namespace AiStudio.Videos;

/// <summary>The seed's lifecycle: draft -> generating -> compiling -> completed | failed.</summary>
[GenerateSerializer]
public enum VideoProjectStatus
{
    Draft,
    Generating,
    Compiling,
    Completed,
    Failed,
}
