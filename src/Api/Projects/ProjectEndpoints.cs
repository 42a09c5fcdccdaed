using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Idempotency;
using AiStudio.Problems;
using AiStudio.Progress;
using AiStudio.Requests;
using AiStudio.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiStudio.Projects;

public static class ProjectEndpoints
{
    public const int MaxNameLength = 200;

    /// <summary>Image projects: create, list (newest first, by cursor), read, and follow progress as Server-Sent Events.</summary>
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder v1)
    {
        var projects = v1.MapGroup("/projects").WithTags("Projects");
        projects.MapPost("", CreateAsync).WithName("CreateProject").WithIdempotency()
            .Accepts<CreateProjectRequest>("application/json");
        projects.MapGet("", ListAsync).WithName("ListProjects");
        projects.MapGet("/{projectId}", GetAsync).WithName("GetProject");
        projects.MapGet("/{projectId}/events", StreamEventsAsync).WithName("StreamProjectEvents")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return v1;
    }

    private static async Task<Created<ProjectResponse>> CreateAsync(Caller caller, HttpRequest request, IClusterClient client, CancellationToken cancellationToken)
    {
        var body = await JsonRequestReader.ReadAsync<CreateProjectRequest>(request, 16 * 1024, cancellationToken);
        var name = body.Name?.Trim() ?? "";
        var errors = new FieldErrors();
        if (name.Length == 0)
        {
            errors.Add("name", "name is required.");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("name", $"name must be at most {MaxNameLength} characters.");
        }

        errors.ThrowIfAny();
        var projectId = EntityIds.NewProjectId();
        // The project enters the workspace's index itself, in the same call.
        var project = await client.GetGrain<IProjectGrain>(projectId).CreateAsync(caller.WorkspaceId, name);
        return TypedResults.Created($"/v1/projects/{projectId}", ProjectResponse.From(project));
    }

    private static async Task<Ok<ItemPage<ProjectResponse>>> ListAsync(Caller caller, IClusterClient client, string? cursor, string? limit)
    {
        var pageRequest = PageRequest.Parse(cursor, limit);
        var page = await client.GetGrain<IWorkspaceGrain>(caller.WorkspaceId).ListProjectsAsync(pageRequest.Cursor, pageRequest.Limit);
        var projects = await Task.WhenAll(page.Ids.Select(id => client.GetGrain<IProjectGrain>(id).GetAsync()));
        var items = projects
            .Where(project => project is not null && project.WorkspaceId == caller.WorkspaceId)
            .Select(project => ProjectResponse.From(project!))
            .ToList();
        return TypedResults.Ok(new ItemPage<ProjectResponse>(items, page.NextCursor));
    }

    private static async Task<Ok<ProjectResponse>> GetAsync(string projectId, Caller caller, IClusterClient client)
    {
        var (_, project) = await ProjectLookup.RequireAsync(client, caller, projectId);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<IResult> StreamEventsAsync(string projectId, Caller caller, IClusterClient client, ProgressEventStream events, HttpContext context)
    {
        var (grain, _) = await ProjectLookup.RequireAsync(client, caller, projectId);
        return await events.ServeAsync(context, StreamId.Create(ProgressStreams.ProjectNamespace, projectId), grain, endAfterTerminal: false);
    }
}
