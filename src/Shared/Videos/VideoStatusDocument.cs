namespace AiStudio.Videos;

/// <summary>
/// VideoStatus as API.md defines its JSON (camelCase with web defaults, lowercase statuses, absolute signed file URLs),
/// shared by the API's responses and the webhooks' <c>data</c> so that both read the same.
/// </summary>
public sealed record VideoStatusDocument(
    string Id,
    string Name,
    string Status,
    VideoProgress Progress,
    VideoOutputDocument? Output,
    VideoCost Cost,
    string? Error,
    int ClipCount,
    int CompletedClipCount,
    string? Step,
    string? Label,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <param name="status">The grain's status.</param>
    /// <param name="fileUrl">Turns a blob key into an absolute signed URL.</param>
    public static VideoStatusDocument From(VideoStatus status, Func<string, string> fileUrl)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(fileUrl);
        var output = status.Output is { } produced
            ? new VideoOutputDocument(fileUrl(produced.VideoKey), fileUrl(produced.ThumbnailKey), produced.DurationSeconds)
            : null;
        return new VideoStatusDocument(
            status.Id,
            status.Name,
            status.Status.ToString().ToLowerInvariant(),
            status.Progress,
            output,
            status.Cost,
            status.Error,
            status.ClipCount,
            status.CompletedClipCount,
            status.Step,
            status.Label,
            status.CreatedAt.UtcDateTime,
            status.UpdatedAt.UtcDateTime);
    }
}
