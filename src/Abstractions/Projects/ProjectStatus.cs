namespace AiStudio.Projects;

[GenerateSerializer]
public enum ProjectStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
}
