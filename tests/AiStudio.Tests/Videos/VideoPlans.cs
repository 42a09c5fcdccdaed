using AiStudio.Storage;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

/// <summary>Video projects planned in memory, for the unit tests of the project's rules; no cluster involved.</summary>
public static class VideoPlans
{
    public const string WorkspaceId = "ws_plans";

    public static readonly VideoPricingOptions Prices = new() { ClipCentsPerSecond = 3, TransitionCents = 20, CompileCents = 7, AmbientAudioCents = 11 };

    /// <summary>A request for clips of the given lengths, in order.</summary>
    public static NewVideoProject Request(bool transitions, params int[] durations) => new(
        WorkspaceId,
        "user_1",
        "Tour",
        durations.Select((seconds, index) => new VideoClipSpec(BlobKeys.ImageFolder(WorkspaceId, $"img_{index}") + "/result.png", null, $"Pan {index}", seconds)).ToList(),
        transitions,
        null,
        AmbientAudio: false,
        VideoAspectRatios.Landscape,
        null,
        null);

    public static VideoProjectState Draft(bool transitions, params int[] durations) =>
        VideoProjectPlanner.NewProject(Request(transitions, durations), Prices, DateTimeOffset.UnixEpoch);

    /// <summary>A project generating in its first run, its segments in the given states.</summary>
    public static VideoProjectState Generating(bool transitions, params ClipStatus[] statuses)
    {
        var project = Draft(transitions, Enumerable.Repeat(5, transitions ? (statuses.Length + 1) / 2 : statuses.Length).ToArray());
        project.Status = VideoProjectStatus.Generating;
        project.Run = 1;
        for (var i = 0; i < statuses.Length; i++)
        {
            project.Segments[i].Status = statuses[i];
            project.Segments[i].ClipKey = statuses[i] == ClipStatus.Completed ? $"clips/{i}.mp4" : null;
        }

        return project;
    }

    public static ClipReport Report(VideoSegment segment, ClipStatus status, int run, string? clipKey = null, string? error = null) =>
        new(new VideoClipView(segment.ClipId, segment.SequenceOrder, segment.Kind, status, clipKey, error), run);
}
