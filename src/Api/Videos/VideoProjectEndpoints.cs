using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Files;
using AiStudio.Idempotency;
using AiStudio.Images;
using AiStudio.Problems;
using AiStudio.Progress;
using AiStudio.Projects;
using AiStudio.Requests;
using AiStudio.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiStudio.Videos;

public static class VideoProjectEndpoints
{
    /// <summary>
    /// Video projects: create a draft, list, read, read its clips, generate, retry, cancel, delete, and follow progress
    /// as Server-Sent Events that end after the terminal event.
    /// </summary>
    public static RouteGroupBuilder MapVideoProjectEndpoints(this RouteGroupBuilder v1)
    {
        var videos = v1.MapGroup("/video-projects").WithTags("Video projects");
        videos.MapPost("", CreateAsync).WithName("CreateVideoProject").WithIdempotency()
            .Accepts<CreateVideoProjectRequest>("application/json");
        videos.MapGet("", ListAsync).WithName("ListVideoProjects");
        videos.MapGet("/{videoProjectId}", GetAsync).WithName("GetVideoProject");
        videos.MapGet("/{videoProjectId}/clips", GetClipsAsync).WithName("GetVideoProjectClips");
        videos.MapPost("/{videoProjectId}/generate", GenerateAsync).WithName("GenerateVideo").WithIdempotency();
        videos.MapPost("/{videoProjectId}/retry", RetryAsync).WithName("RetryVideo").WithIdempotency();
        videos.MapPost("/{videoProjectId}/cancel", CancelAsync).WithName("CancelVideo").WithIdempotency();
        videos.MapDelete("/{videoProjectId}", DeleteAsync).WithName("DeleteVideoProject");
        videos.MapGet("/{videoProjectId}/events", StreamEventsAsync).WithName("StreamVideoProjectEvents")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return v1;
    }

    private static async Task<Created<VideoStatusDocument>> CreateAsync(
        Caller caller, HttpRequest request, IClusterClient client, VideoProjectIntake intake, FileLinkSigner links,
        CancellationToken cancellationToken)
    {
        var body = await JsonRequestReader.ReadAsync<CreateVideoProjectRequest>(request, 256 * 1024, cancellationToken);
        var videoProjectId = EntityIds.NewVideoProjectId();
        var newProject = await intake.ReadAsync(videoProjectId, caller, body, cancellationToken);
        var status = await client.GetGrain<IVideoProjectGrain>(videoProjectId).CreateAsync(newProject);
        return TypedResults.Created($"/v1/video-projects/{videoProjectId}", Document(status, links, request));
    }

    private static async Task<Ok<ItemPage<VideoStatusDocument>>> ListAsync(
        Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request, string? cursor, string? limit)
    {
        var pageRequest = PageRequest.Parse(cursor, limit);
        var page = await client.GetGrain<IWorkspaceGrain>(caller.WorkspaceId).ListVideoProjectsAsync(pageRequest.Cursor, pageRequest.Limit);
        var statuses = await Task.WhenAll(page.Ids.Select(id => client.GetGrain<IVideoProjectGrain>(id).GetAsync()));
        var items = statuses
            .Where(status => status is not null && status.WorkspaceId == caller.WorkspaceId)
            .Select(status => Document(status!, links, request))
            .ToList();
        return TypedResults.Ok(new ItemPage<VideoStatusDocument>(items, page.NextCursor));
    }

    private static async Task<Ok<VideoStatusDocument>> GetAsync(
        string videoProjectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (_, status) = await VideoProjectLookup.RequireAsync(client, caller, videoProjectId);
        return TypedResults.Ok(Document(status, links, request));
    }

    private static async Task<Ok<ItemList<VideoClipResponse>>> GetClipsAsync(
        string videoProjectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (grain, _) = await VideoProjectLookup.RequireAsync(client, caller, videoProjectId);
        var clips = await grain.GetClipsAsync() ?? throw ApiProblemException.NotFound(VideoProjectLookup.NotFoundMessage);
        var items = clips
            .OrderBy(clip => clip.SequenceOrder)
            .Select(clip => VideoClipResponse.From(clip, key => links.CreateUrl(request, key)))
            .ToList();
        return TypedResults.Ok(new ItemList<VideoClipResponse>(items));
    }

    private static Task<Accepted<VideoStatusDocument>> GenerateAsync(
        string videoProjectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request) =>
        TriggerAsync(videoProjectId, caller, client, links, request, grain => grain.GenerateAsync());

    private static Task<Accepted<VideoStatusDocument>> RetryAsync(
        string videoProjectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request) =>
        TriggerAsync(videoProjectId, caller, client, links, request, grain => grain.RetryAsync());

    private static Task<Accepted<VideoStatusDocument>> CancelAsync(
        string videoProjectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request) =>
        TriggerAsync(videoProjectId, caller, client, links, request, grain => grain.CancelAsync());

    private static async Task<NoContent> DeleteAsync(string videoProjectId, Caller caller, IClusterClient client)
    {
        var (grain, _) = await VideoProjectLookup.RequireAsync(client, caller, videoProjectId);
        await grain.DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> StreamEventsAsync(
        string videoProjectId, Caller caller, IClusterClient client, ProgressEventStream events, HttpContext context)
    {
        var (grain, _) = await VideoProjectLookup.RequireAsync(client, caller, videoProjectId);
        return await events.ServeAsync(context, StreamId.Create(ProgressStreams.VideoProjectNamespace, videoProjectId), grain, endAfterTerminal: true);
    }

    private static async Task<Accepted<VideoStatusDocument>> TriggerAsync(
        string videoProjectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request,
        Func<IVideoProjectGrain, Task<VideoStatus>> transition)
    {
        var (grain, _) = await VideoProjectLookup.RequireAsync(client, caller, videoProjectId);
        var status = await transition(grain);
        return TypedResults.Accepted($"/v1/video-projects/{videoProjectId}", Document(status, links, request));
    }

    private static VideoStatusDocument Document(VideoStatus status, FileLinkSigner links, HttpRequest request) =>
        VideoStatusDocument.From(status, key => links.CreateUrl(request, key));
}
