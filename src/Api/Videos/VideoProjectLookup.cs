using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Problems;

namespace AiStudio.Videos;

/// <summary>Finds a video project of the caller's workspace; malformed, unknown and foreign IDs all answer the same 404.</summary>
public static class VideoProjectLookup
{
    public const string NotFoundMessage = "Video project not found";

    public static async Task<(IVideoProjectGrain Grain, VideoStatus Status)> RequireAsync(IClusterClient client, Caller caller, string videoProjectId)
    {
        if (!EntityIds.IsWellFormed(videoProjectId, EntityIds.VideoProjectPrefix))
        {
            throw ApiProblemException.NotFound(NotFoundMessage);
        }

        var grain = client.GetGrain<IVideoProjectGrain>(videoProjectId);
        var status = await grain.GetAsync();
        return status is not null && status.WorkspaceId == caller.WorkspaceId
            ? (grain, status)
            : throw ApiProblemException.NotFound(NotFoundMessage);
    }
}
