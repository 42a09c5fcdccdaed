namespace AiStudio.Videos;

/// <summary>
/// The step a video project shows and its percentage, each within the seed's range for the step (starting 5,
/// generating 10-70, compiling 75-95, completed 100). Within a run the percentage never goes back; a retry is a new
/// run, whose percentage says what its completed clips are worth rather than where the last run stopped.
/// </summary>
public static class VideoProjectProgress
{
    /// <summary>Generate: the first run starts.</summary>
    public static void Starting(VideoProjectState project) =>
        Set(project, VideoProjectSteps.Starting, VideoProjectSteps.StartingLabel, VideoProjectSteps.StartingProgress);

    /// <summary>Retry: a new run starts, generating what is not completed yet.</summary>
    public static void Retrying(VideoProjectState project) =>
        Set(project, VideoProjectSteps.Generating, GeneratingLabel(project), GeneratingProgress(project));

    public static void Generating(VideoProjectState project) =>
        Advance(project, VideoProjectSteps.Generating, GeneratingLabel(project), GeneratingProgress(project));

    /// <summary>Compiling at <paramref name="reported"/> (kept within 75-95); false when that is no step forward.</summary>
    public static bool Compiling(VideoProjectState project, int reported)
    {
        var bounded = Math.Clamp(reported, VideoProjectSteps.CompilingProgress, VideoProjectSteps.PublishingProgress);
        if (project.Step == VideoProjectSteps.Compiling && bounded <= (project.StepProgress ?? 0))
        {
            return false;
        }

        Advance(project, VideoProjectSteps.Compiling, VideoProjectSteps.CompilingLabel, bounded);
        return true;
    }

    public static void Completed(VideoProjectState project) =>
        Advance(project, VideoProjectSteps.Completed, VideoProjectSteps.CompletedLabel, VideoProjectSteps.CompletedProgress);

    /// <summary>Failed, labelled with the error, at the percentage the run reached.</summary>
    public static void Failed(VideoProjectState project, string errorMessage) =>
        Advance(project, VideoProjectSteps.Failed, errorMessage, project.StepProgress ?? 0);

    private static string GeneratingLabel(VideoProjectState project) => VideoProjectSteps.GeneratingLabel(project.Segments.Count);

    private static int GeneratingProgress(VideoProjectState project) => VideoProjectSteps.GeneratingProgress(
        project.Segments.Count(segment => segment.Status == ClipStatus.Completed), project.Segments.Count);

    private static void Advance(VideoProjectState project, string step, string label, int progress) =>
        Set(project, step, label, Math.Max(project.StepProgress ?? 0, progress));

    private static void Set(VideoProjectState project, string step, string label, int progress)
    {
        project.Step = step;
        project.Label = label;
        project.StepProgress = progress;
    }
}
