namespace AiStudio.Projects;

public sealed record ProjectResponse(
    string Id,
    string Name,
    string Status,
    int ImageCount,
    int CompletedCount,
    int FailedCount,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ProjectResponse From(Project project) => new(
        project.Id,
        project.Name,
        project.Status.ToString().ToLowerInvariant(),
        project.ImageCount,
        project.CompletedCount,
        project.FailedCount,
        project.CreatedAt.UtcDateTime,
        project.UpdatedAt.UtcDateTime);
}
