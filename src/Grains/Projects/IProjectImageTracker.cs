using AiStudio.Images;

namespace AiStudio.Projects;

/// <summary>The side of a project that its images talk to (key: <c>prj_…</c>).</summary>
[Alias("AiStudio.Projects.IProjectImageTracker")]
public interface IProjectImageTracker : IGrainWithStringKey
{
    /// <summary>Counts the image with <paramref name="status"/> (added when new) without publishing a step. Rejected when the project does not exist.</summary>
    [Alias("TrackImage")]
    Task TrackImageAsync(string imageId, ImageStatus status);

    /// <summary>Records the image's status (adding the image when new) and publishes the step with the project's counts.</summary>
    [Alias("RecordImageProgress")]
    Task RecordImageProgressAsync(ImageProgress progress);
}
