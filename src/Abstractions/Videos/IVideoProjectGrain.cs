using AiStudio.Progress;
using Orleans.Concurrency;

namespace AiStudio.Videos;

/// <summary>
/// A video project (key: <c>vid_…</c>). Owns draft -> generating -> compiling -> completed | failed, the clip counts,
/// costs and output, and sequences the project's progress events.
/// </summary>
[Alias("AiStudio.Videos.IVideoProjectGrain")]
public interface IVideoProjectGrain : IGrainWithStringKey, IProgressSource
{
    /// <summary>The status, or null when no project exists under this key (or it was deleted).</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<VideoStatus?> GetAsync();

    /// <summary>Creates the draft with its clips and estimated cost; repeating the call returns the existing project.</summary>
    [Alias("Create")]
    Task<VideoStatus> CreateAsync(NewVideoProject request);

    /// <summary>Clips and transitions by sequence order; null when the project does not exist.</summary>
    [Alias("GetClips"), AlwaysInterleave]
    Task<IReadOnlyList<VideoClipView>?> GetClipsAsync();

    /// <summary>draft -> generating. Rejected (409) from any other status, (400) with zero clips.</summary>
    [Alias("Generate")]
    Task<VideoStatus> GenerateAsync();

    /// <summary>failed -> generating, regenerating only clips that are not completed, then compiling.</summary>
    [Alias("Retry")]
    Task<VideoStatus> RetryAsync();

    /// <summary>generating | compiling -> failed with "Canceled"; no provider work starts after it.</summary>
    [Alias("Cancel")]
    Task<VideoStatus> CancelAsync();

    /// <summary>Removes the project, its clips and its files. False when it did not exist.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();
}
