namespace AiStudio.Workspaces;

[GenerateSerializer]
public sealed class WorkspaceState
{
    [Id(0)] public long NextOrdinal { get; set; } = 1;
    [Id(1)] public List<WorkspaceEntry> Projects { get; set; } = [];
    [Id(2)] public List<WorkspaceEntry> VideoProjects { get; set; } = [];
}
