namespace AiStudio.Images;

/// <summary>The seed's lifecycle: pending -> processing -> completed | failed.</summary>
[GenerateSerializer]
public enum ImageStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
}
