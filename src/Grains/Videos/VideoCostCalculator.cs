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
}
