using AiStudio.Auth;
using AiStudio.Common;

namespace AiStudio.Videos;

public static class VideoProjectLookup
{
    public const string NotFoundMessage = "Video project not found";

    /// <summary>The caller's video project, or 404 for a malformed, unknown or foreign ID alike.</summary>
    public static Task<(IVideoProjectGrain Grain, VideoStatus Status)> RequireAsync(IClusterClient client, Caller caller, string videoProjectId) =>
        WorkspaceScope.RequireAsync<IVideoProjectGrain, VideoStatus>(
            client, caller, videoProjectId, EntityIds.VideoProjectPrefix, NotFoundMessage, grain => grain.GetAsync(), status => status.WorkspaceId);
}
