using AiStudio.Storage;

namespace AiStudio.Videos;

/// <summary>Where a video project's files live, all under <see cref="BlobKeys.VideoProjectFolder"/>.</summary>
public static class VideoBlobKeys
{
    public static string Clip(string workspaceId, string videoProjectId, string clipId) =>
        BlobKeys.VideoProjectFolder(workspaceId, videoProjectId) + $"/clips/{clipId}.mp4";

    public static string FinalVideo(string workspaceId, string videoProjectId) =>
        BlobKeys.VideoProjectFolder(workspaceId, videoProjectId) + "/final.mp4";

    public static string Thumbnail(string workspaceId, string videoProjectId) =>
        BlobKeys.VideoProjectFolder(workspaceId, videoProjectId) + "/thumbnail.jpg";
}
