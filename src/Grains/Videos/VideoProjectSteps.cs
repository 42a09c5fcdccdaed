namespace AiStudio.Videos;

/// <summary>The seed's progress steps of a video project: names, labels and percentages.</summary>
public static class VideoProjectSteps
{
    public const string Starting = "starting";
    public const string Generating = "generating";
    public const string Compiling = "compiling";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public const string DraftLabel = "Ready to generate";
    public const string StartingLabel = "Starting video generation…";
    public const string CompilingLabel = "Compiling final video…";
    public const string CompletedLabel = "Video ready!";

    public const int StartingProgress = 5;
    public const int CompilingProgress = 75;
    public const int PublishingProgress = 95;
    public const int CompletedProgress = 100;

    public static string GeneratingLabel(int clipCount) => $"Generating {clipCount} clips…";

    /// <summary>The seed's <c>calculateProgress</c> while generating: 10 plus 60 shared by the clips.</summary>
    public static int GeneratingProgress(int completedClips, int totalClips) =>
        totalClips == 0 ? 10 : (int)Math.Min(100, Math.Round(10 + completedClips * 60.0 / totalClips));
}
