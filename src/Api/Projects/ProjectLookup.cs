using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Problems;

namespace AiStudio.Projects;

public static class ProjectLookup
{
    public const string NotFoundMessage = "Project not found";

    /// <summary>The caller's project, or 404 for a malformed, unknown or foreign ID alike.</summary>
    public static async Task<(IProjectGrain Grain, Project Project)> RequireAsync(IClusterClient client, Caller caller, string projectId)
    {
        if (!EntityIds.IsWellFormed(projectId, EntityIds.ProjectPrefix))
        {
            throw ApiProblemException.NotFound(NotFoundMessage);
        }

        var grain = client.GetGrain<IProjectGrain>(projectId);
        var project = await grain.GetAsync();
        if (project is null || project.WorkspaceId != caller.WorkspaceId)
        {
            throw ApiProblemException.NotFound(NotFoundMessage);
        }

        return (grain, project);
    }
}
