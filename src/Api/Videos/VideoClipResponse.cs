namespace AiStudio.Videos;

/// <summary>One row of <c>GET /v1/video-projects/{id}/clips</c>.</summary>
public sealed record VideoClipResponse(string Id, int SequenceOrder, string Kind, string Status, string? ClipUrl, string? ErrorMessage)
{
    public static VideoClipResponse From(VideoClipView clip, Func<string, string> fileUrl) => new(
        clip.Id,
        clip.SequenceOrder,
        clip.Kind.ToString().ToLowerInvariant(),
        clip.Status.ToString().ToLowerInvariant(),
        clip.ClipKey is null ? null : fileUrl(clip.ClipKey),
        clip.ErrorMessage);
}
