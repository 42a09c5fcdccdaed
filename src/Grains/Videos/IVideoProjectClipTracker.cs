using Orleans.Concurrency;

namespace AiStudio.Videos;

/// <summary>The side of a video project that its clips and their runs talk to (key: <c>vid_…</c>).</summary>
[Alias("AiStudio.Videos.IVideoProjectClipTracker")]
public interface IVideoProjectClipTracker : IGrainWithStringKey
{
    /// <summary>
    /// A clip changed. One-way, so a clip never waits on its project; a lost report is made good by the project's
    /// reminder, which reads the state of every clip it believes is generating.
    /// </summary>
    [Alias("OnClipChanged"), OneWay]
    Task OnClipChangedAsync(ClipReport report);

    /// <summary>The provider queues the clip's task at <paramref name="queuePosition"/> (0 = next), or no longer does (null). One-way, like <see cref="OnClipChangedAsync"/>.</summary>
    [Alias("OnClipQueuePositionChanged"), OneWay]
    Task OnClipQueuePositionChangedAsync(ClipReport report, int? queuePosition);

    /// <summary>
    /// Null while the project is generating in <paramref name="run"/>; otherwise why a clip of that run must not submit
    /// (the project's error, e.g. "Canceled"). Asked by clip runs before they submit, never by a clip grain.
    /// </summary>
    [Alias("GetRunStopReason")]
    Task<string?> GetRunStopReasonAsync(int run);
}
