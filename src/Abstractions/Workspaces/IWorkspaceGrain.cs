namespace AiStudio.Workspaces;

/// <summary>The index of one workspace's projects and video projects (key: the workspace ID).</summary>
[Alias("AiStudio.Workspaces.IWorkspaceGrain")]
public interface IWorkspaceGrain : IGrainWithStringKey
{
    [Alias("AddProject")]
    Task AddProjectAsync(string projectId);

    [Alias("ListProjects")]
    Task<Page> ListProjectsAsync(string? cursor, int limit);

    [Alias("AddVideoProject")]
    Task AddVideoProjectAsync(string videoProjectId);

    [Alias("RemoveVideoProject")]
    Task RemoveVideoProjectAsync(string videoProjectId);

    [Alias("ListVideoProjects")]
    Task<Page> ListVideoProjectsAsync(string? cursor, int limit);
}
