namespace AiStudio.Videos;

/// <summary>A clip's lifecycle as a table: the only moves its grain makes.</summary>
public static class VideoClipTransitions
{
    private static readonly HashSet<(ClipStatus From, ClipStatus To)> Allowed =
    [
        (ClipStatus.Pending, ClipStatus.Generating),    // its project starts it
        (ClipStatus.Generating, ClipStatus.Completed),  // its file is stored
        (ClipStatus.Generating, ClipStatus.Failed),     // provider error, timeout, storage failure, or stopped
        (ClipStatus.Failed, ClipStatus.Generating),     // its project retries
    ];

    public static bool IsAllowed(ClipStatus from, ClipStatus to) => Allowed.Contains((from, to));
}
