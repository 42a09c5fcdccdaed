using AiStudio.Progress;

namespace AiStudio.Projects;

/// <summary>An image project (key: <c>prj_…</c>). Owns the aggregate counts and status, and sequences the project's progress events.</summary>
[Alias("AiStudio.Projects.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey, IProgressSource
{
    [Alias("Get")]
    Task<Project?> GetAsync();

    /// <summary>Creates the project; repeating the call returns the existing project.</summary>
    [Alias("Create")]
    Task<Project> CreateAsync(string workspaceId, string name);

    /// <summary>IDs of every image of the project (all versions), oldest first.</summary>
    [Alias("GetImageIds")]
    Task<IReadOnlyList<string>> GetImageIdsAsync();
}
