namespace AiStudio.Videos.Providers;

[GenerateSerializer]
public enum VideoJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
