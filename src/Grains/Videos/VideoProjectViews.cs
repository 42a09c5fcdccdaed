using AiStudio.Progress;

namespace AiStudio.Videos;

/// <summary>How a video project reads from outside: its status, its progress events, and its segments as clip rows.</summary>
public static class VideoProjectViews
{
    public static int CompletedCount(VideoProjectState project) => project.Segments.Count(segment => segment.Status == ClipStatus.Completed);

    public static VideoStatus StatusOf(string videoProjectId, VideoProjectState project)
    {
        var total = project.Segments.Count;
        var completed = CompletedCount(project);
        return new VideoStatus(
            videoProjectId,
            project.WorkspaceId,
            project.Name,
            project.Status,
            new VideoProgress(completed, total, total == 0 ? 0 : (int)Math.Round(100.0 * completed / total)),
            project.Output,
            new VideoCost(project.EstimatedCost, project.ActualCost),
            project.ErrorMessage,
            total,
            completed,
            project.Step,
            project.Label,
            project.CreatedAt,
            project.UpdatedAt)
        {
            StepProgress = project.StepProgress,
        };
    }

    /// <summary>
    /// The current step as an event; the progress log numbers it when it is published. A draft has taken no step yet:
    /// it reads as the first one (API.md lists no other) at 0%.
    /// </summary>
    public static ProgressEvent CurrentEvent(string videoProjectId, VideoProjectState project) => new(
        0,
        videoProjectId,
        NameOf(project.Status),
        project.Step ?? VideoProjectSteps.Starting,
        project.Label ?? VideoProjectSteps.DraftLabel,
        project.StepProgress ?? 0,
        project.UpdatedAt)
    {
        TotalClips = project.Segments.Count,
        CompletedClipCount = CompletedCount(project),
        ErrorMessage = project.ErrorMessage,
        IsTerminal = project.Status is VideoProjectStatus.Completed or VideoProjectStatus.Failed,
    };

    /// <summary>The current step as an event about one segment: its 1-based index, and its error when it has one.</summary>
    public static ProgressEvent EventAbout(string videoProjectId, VideoProjectState project, VideoSegment segment)
    {
        var current = CurrentEvent(videoProjectId, project);
        return current with { ClipIndex = segment.SequenceOrder + 1, ErrorMessage = segment.ErrorMessage ?? current.ErrorMessage };
    }

    /// <summary>The current step as an event about a segment whose task the provider queues at <paramref name="queuePosition"/> (0 = next; null once it runs).</summary>
    public static ProgressEvent QueueEventAbout(string videoProjectId, VideoProjectState project, VideoSegment segment, int? queuePosition) =>
        EventAbout(videoProjectId, project, segment) with { QueuePosition = queuePosition };

    /// <summary>A segment as the project last heard of it, for a clip whose grain could not tell.</summary>
    public static VideoClipView ViewOf(VideoSegment segment) =>
        new(segment.ClipId, segment.SequenceOrder, segment.Kind, segment.Status, segment.ClipKey, segment.ErrorMessage);

    public static string NameOf(VideoProjectStatus status) => status.ToString().ToLowerInvariant();
}
