using AiStudio.Media.Video;

namespace AiStudio.Videos;

/// <summary>
/// The side of a video project that a compile run talks to. As with clip runs, calls from a run the project has
/// replaced (or canceled) answer false or null, so it stops.
/// </summary>
[Alias("AiStudio.Videos.IVideoProjectCompilation")]
public interface IVideoProjectCompilation : IGrainWithStringKey
{
    /// <summary>Adopts the run and hands out the job; null when the project is not compiling.</summary>
    [Alias("BeginCompile")]
    Task<VideoCompileJob?> BeginCompileAsync(Guid runId);

    /// <summary>Tells the project the run is alive and how far it got (75-95); false when the run must stop.</summary>
    [Alias("ReportCompileProgress")]
    Task<bool> ReportCompileProgressAsync(Guid runId, int progress);

    /// <summary>The output is published; false when the run was no longer wanted.</summary>
    [Alias("CompleteCompile")]
    Task<bool> CompleteCompileAsync(Guid runId, VideoOutput output);

    [Alias("FailCompile")]
    Task FailCompileAsync(Guid runId, string errorMessage);

    /// <summary>The soundtrack to prepare; null when one is prepared already or the project no longer needs one.</summary>
    [Alias("GetSoundtrackPlan")]
    Task<SoundtrackPlan?> GetSoundtrackPlanAsync();

    /// <summary>Keeps the prepared soundtrack for the compile; false when it is not wanted (the caller deletes it).</summary>
    [Alias("RecordSoundtrack")]
    Task<bool> RecordSoundtrackAsync(PreparedSoundtrack soundtrack);
}
