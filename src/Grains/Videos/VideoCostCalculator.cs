namespace AiStudio.Videos;

/// <summary>A video project's cost in cents, from the prices its segments and compile were given at creation.</summary>
public static class VideoCostCalculator
{
    /// <summary>Every segment once, and the compile.</summary>
    public static int Estimated(VideoProjectState project) =>
        project.Segments.Sum(segment => segment.PriceCents) + project.CompilePriceCents;

    /// <summary>Work actually done: every segment completed once (a retry never regenerates them), and the compile that published.</summary>
    public static int Actual(VideoProjectState project) =>
        project.Segments.Where(segment => segment.Status == ClipStatus.Completed).Sum(segment => segment.PriceCents) + project.CompilePriceCents;

    /// <summary>What a generate or retry run is committed to: every segment not completed yet, and the compile.</summary>
    public static int Remaining(VideoProjectState project) =>
        project.Segments.Where(segment => segment.Status != ClipStatus.Completed).Sum(segment => segment.PriceCents) + project.CompilePriceCents;

    /// <summary>Work done so far: the completed segments, and the compile once the project completed.</summary>
    public static int DoneSoFar(VideoProjectState project) =>
        project.Status == VideoProjectStatus.Completed
            ? Actual(project)
            : project.Segments.Where(segment => segment.Status == ClipStatus.Completed).Sum(segment => segment.PriceCents);
}
