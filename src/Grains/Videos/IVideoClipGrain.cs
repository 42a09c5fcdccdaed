using Orleans.Concurrency;

namespace AiStudio.Videos;

/// <summary>
/// One clip or transition of a video project (key: <c>clip_…</c>), driven by its project. It never waits on its
/// project: it tells it about changes one-way, so the project may call it without risk of a call cycle.
/// </summary>
[Alias("AiStudio.Videos.IVideoClipGrain")]
public interface IVideoClipGrain : IGrainWithStringKey
{
    /// <summary>Creates the clip as pending; repeating the call changes nothing.</summary>
    [Alias("Initialize")]
    Task<ClipReport> InitializeAsync(VideoClipSetup setup);

    /// <summary>The clip's state, or null when it was never created (or was deleted).</summary>
    [Alias("GetReport"), AlwaysInterleave]
    Task<ClipReport?> GetReportAsync();

    /// <summary>
    /// pending | failed -> generating for project run <paramref name="run"/>. A completed clip stays completed, a clip
    /// already generating adopts the run, and a clip that failed in this run (or a later one) stays failed.
    /// </summary>
    [Alias("Start")]
    Task<ClipReport> StartAsync(int run);

    /// <summary>generating -> failed with <paramref name="reason"/>; the provider task in flight is canceled and nothing new is submitted.</summary>
    [Alias("Stop")]
    Task<ClipReport?> StopAsync(string reason);

    /// <summary>Abandons any work and removes the clip's state (its file goes with the project's folder).</summary>
    [Alias("Delete")]
    Task DeleteAsync();
}
