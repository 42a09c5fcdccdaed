namespace AiStudio.Projects;

public sealed record CreateProjectRequest(string? Name);
