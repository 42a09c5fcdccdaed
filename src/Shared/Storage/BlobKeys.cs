namespace AiStudio.Storage;

/// <summary>
/// Every blob key the product writes, so stored media stays where readers look for it: relative, slash-separated
/// segments of [A-Za-z0-9._-], none of them "." or "..", each workspace's under <c>ws/{workspace}/</c>.
/// </summary>
public static class BlobKeys
{
    public static string ImageFolder(string workspaceId, string imageId) => $"ws/{workspaceId}/images/{imageId}";

    /// <param name="extension">The sniffed format's extension, without a dot.</param>
    public static string ImageOriginal(string workspaceId, string imageId, string extension) =>
        $"{ImageFolder(workspaceId, imageId)}/original.{extension}";

    /// <summary>An edit's inpaint mask; masks are always PNG.</summary>
    public static string ImageMask(string workspaceId, string imageId) => $"{ImageFolder(workspaceId, imageId)}/mask.png";

    /// <param name="resultFileName">The provider's result file name, or just its extension (".jpg"); the extension, lower-cased, becomes the key's.</param>
    public static string ImageResult(string workspaceId, string imageId, string resultFileName) =>
        $"{ImageFolder(workspaceId, imageId)}/result{Path.GetExtension(resultFileName).ToLowerInvariant()}";

    /// <summary>Everything of one video project, deleted with it.</summary>
    public static string VideoProjectFolder(string workspaceId, string videoProjectId) => $"ws/{workspaceId}/videos/{videoProjectId}";

    /// <summary>A clip's source image fetched from a URL; <paramref name="index"/> is its place in the request.</summary>
    public static string VideoSourceImage(string workspaceId, string videoProjectId, int index, string extension) =>
        $"{VideoProjectFolder(workspaceId, videoProjectId)}/sources/{index}.{extension}";

    /// <param name="demuxer">The sniffed music format, which doubles as the extension.</param>
    public static string Music(string workspaceId, string videoProjectId, string demuxer) =>
        $"{VideoProjectFolder(workspaceId, videoProjectId)}/music.{demuxer}";

    public static string Clip(string workspaceId, string videoProjectId, string clipId) =>
        $"{VideoProjectFolder(workspaceId, videoProjectId)}/clips/{clipId}.mp4";

    public static string FinalVideo(string workspaceId, string videoProjectId) => $"{VideoProjectFolder(workspaceId, videoProjectId)}/final.mp4";

    public static string Thumbnail(string workspaceId, string videoProjectId) => $"{VideoProjectFolder(workspaceId, videoProjectId)}/thumbnail.jpg";

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512 || key[0] == '/' || key[^1] == '/')
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
