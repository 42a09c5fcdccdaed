using AiStudio.Images;

namespace AiStudio.Projects;

/// <summary>
/// The seed's aggregation rules, in one place:
/// pending when every image is pending (or there are none); completed when imageCount == completedCount;
/// failed when every image is completed or failed and at least one failed; processing otherwise
/// (some image processing, or some completed but not all).
/// </summary>
public readonly record struct ProjectCounts(int ImageCount, int PendingCount, int CompletedCount, int FailedCount)
{
    public ProjectStatus Status =>
        ImageCount == PendingCount ? ProjectStatus.Pending
        : CompletedCount == ImageCount ? ProjectStatus.Completed
        : CompletedCount + FailedCount == ImageCount ? ProjectStatus.Failed
        : ProjectStatus.Processing;

    public static ProjectCounts Of(IEnumerable<ImageStatus> statuses)
    {
        int images = 0, pending = 0, completed = 0, failed = 0;
        foreach (var status in statuses)
        {
            images++;
            switch (status)
            {
                case ImageStatus.Pending: pending++; break;
                case ImageStatus.Completed: completed++; break;
                case ImageStatus.Failed: failed++; break;
            }
        }

        return new ProjectCounts(images, pending, completed, failed);
    }
}
