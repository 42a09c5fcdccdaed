using AiStudio.Images;
using AiStudio.Projects;
using static AiStudio.Images.ImageStatus;

namespace AiStudio.Tests.Projects;

public sealed class ProjectCountsTests
{
    [Fact]
    public void Project_without_images_is_pending() =>
        Assert.Equal(ProjectStatus.Pending, ProjectCounts.Of([]).Status);

    [Fact]
    public void Project_is_pending_when_every_image_is_pending() =>
        Assert.Equal(ProjectStatus.Pending, ProjectCounts.Of([Pending, Pending]).Status);

    [Fact]
    public void Project_is_processing_when_any_image_is_processing() =>
        Assert.Equal(ProjectStatus.Processing, ProjectCounts.Of([Pending, Processing, Completed]).Status);

    [Fact]
    public void Project_is_processing_when_some_but_not_all_images_completed() =>
        Assert.Equal(ProjectStatus.Processing, ProjectCounts.Of([Completed, Pending]).Status);

    [Fact]
    public void Project_is_completed_when_every_image_completed() =>
        Assert.Equal(ProjectStatus.Completed, ProjectCounts.Of([Completed, Completed]).Status);

    [Fact]
    public void Project_is_failed_when_every_image_is_done_and_one_failed() =>
        Assert.Equal(ProjectStatus.Failed, ProjectCounts.Of([Completed, Failed, Completed]).Status);

    [Fact]
    public void Project_is_failed_when_every_image_failed() =>
        Assert.Equal(ProjectStatus.Failed, ProjectCounts.Of([Failed, Failed]).Status);

    [Fact]
    public void Project_with_work_left_after_a_failure_is_still_processing() =>
        Assert.Equal(ProjectStatus.Processing, ProjectCounts.Of([Failed, Pending]).Status);

    [Fact]
    public void Counts_cover_every_status()
    {
        var counts = ProjectCounts.Of([Pending, Processing, Completed, Completed, Failed]);

        Assert.Equal(new ProjectCounts(ImageCount: 5, PendingCount: 1, CompletedCount: 2, FailedCount: 1), counts);
    }
}
