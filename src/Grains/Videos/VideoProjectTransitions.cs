namespace AiStudio.Videos;

/// <summary>A video project's lifecycle as a table: the only moves its grain makes, and what makes them.</summary>
public static class VideoProjectTransitions
{
    private static readonly HashSet<(VideoProjectStatus From, VideoProjectStatus To)> Allowed =
    [
        (VideoProjectStatus.Draft, VideoProjectStatus.Generating),      // generate
        (VideoProjectStatus.Generating, VideoProjectStatus.Compiling),  // every clip and transition completed
        (VideoProjectStatus.Generating, VideoProjectStatus.Failed),     // a clip failed (once the others in flight ended), or cancel
        (VideoProjectStatus.Compiling, VideoProjectStatus.Completed),   // the final video is published
        (VideoProjectStatus.Compiling, VideoProjectStatus.Failed),      // compile or storage failed, timed out, or cancel
        (VideoProjectStatus.Failed, VideoProjectStatus.Generating),     // retry
    ];

    public static bool IsAllowed(VideoProjectStatus from, VideoProjectStatus to) => Allowed.Contains((from, to));
}
