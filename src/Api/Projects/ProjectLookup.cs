using AiStudio.Auth;
using AiStudio.Common;

namespace AiStudio.Projects;

public static class ProjectLookup
{
    public const string NotFoundMessage = "Project not found";

    /// <summary>The caller's project, or 404 for a malformed, unknown or foreign ID alike.</summary>
    public static Task<(IProjectGrain Grain, Project Project)> RequireAsync(IClusterClient client, Caller caller, string projectId) =>
        WorkspaceScope.RequireAsync<IProjectGrain, Project>(
            client, caller, projectId, EntityIds.ProjectPrefix, NotFoundMessage, grain => grain.GetAsync(), project => project.WorkspaceId);
}
