namespace AiStudio.Videos;

/// <summary>One item of <c>GET /v1/video-projects/{id}/clips</c> as JSON: lowercase kind and status, an absolute signed <c>clipUrl</c>.</summary>
public sealed record VideoClipDocument(string Id, int SequenceOrder, string Kind, string Status, string? ClipUrl, string? ErrorMessage)
{
    /// <param name="fileUrl">Turns a blob key into an absolute signed URL.</param>
    public static VideoClipDocument From(VideoClipView clip, Func<string, string> fileUrl)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(fileUrl);
        return new VideoClipDocument(
            clip.Id,
            clip.SequenceOrder,
            clip.Kind.ToString().ToLowerInvariant(),
            clip.Status.ToString().ToLowerInvariant(),
            clip.ClipKey is null ? null : fileUrl(clip.ClipKey),
            clip.ErrorMessage);
    }
}
