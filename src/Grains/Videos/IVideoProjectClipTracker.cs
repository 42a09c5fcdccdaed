using Orleans.Concurrency;

namespace AiStudio.Videos;

/// <summary>The side of a video project that its clips talk to (key: <c>vid_…</c>).</summary>
[Alias("AiStudio.Videos.IVideoProjectClipTracker")]
public interface IVideoProjectClipTracker : IGrainWithStringKey
{
    /// <summary>
    /// A clip changed. One-way, so a clip never waits on its project; a lost report is made good by the project's
    /// reminder, which reads the state of every clip it believes is generating.
    /// </summary>
    [Alias("OnClipChanged"), OneWay]
    Task OnClipChangedAsync(ClipReport report);
}
