using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class VideoProjectProgressTests
{
    [Fact]
    public void Generating_goes_from_10_to_70_as_the_segments_complete()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Generating, ClipStatus.Generating, ClipStatus.Generating);
        var seen = new List<int>();

        VideoProjectProgress.Generating(project);
        seen.Add(project.StepProgress!.Value);
        foreach (var segment in project.Segments)
        {
            segment.Status = ClipStatus.Completed;
            VideoProjectProgress.Generating(project);
            seen.Add(project.StepProgress!.Value);
        }

        Assert.Equal([10, 30, 50, 70], seen);
        Assert.Equal((VideoProjectSteps.Generating, "Generating 3 clips…"), (project.Step, project.Label));
    }

    [Fact]
    public void Compiling_stays_within_75_to_95_and_never_goes_back()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Completed);
        VideoProjectProgress.Generating(project);

        Assert.True(VideoProjectProgress.Compiling(project, 0));
        Assert.Equal(75, project.StepProgress);
        Assert.True(VideoProjectProgress.Compiling(project, 90));
        Assert.False(VideoProjectProgress.Compiling(project, 80));
        Assert.True(VideoProjectProgress.Compiling(project, 120));
        Assert.Equal((VideoProjectSteps.Compiling, 95), (project.Step, project.StepProgress));
    }

    [Fact]
    public void A_retry_counts_from_what_its_completed_clips_are_worth_not_from_where_the_last_run_stopped()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Completed, ClipStatus.Completed, ClipStatus.Failed);
        VideoProjectProgress.Compiling(project, 90);
        VideoProjectProgress.Failed(project, "FFmpeg compilation failed");

        VideoProjectProgress.Retrying(project);

        Assert.Equal((VideoProjectSteps.Generating, "Generating 3 clips…", 50), (project.Step, project.Label, project.StepProgress));
    }

    [Fact]
    public void A_failed_project_is_labelled_with_its_error_at_the_percentage_it_reached()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Completed, ClipStatus.Failed);
        VideoProjectProgress.Generating(project);

        VideoProjectProgress.Failed(project, "Kling API error");

        Assert.Equal((VideoProjectSteps.Failed, "Kling API error", 40), (project.Step, project.Label, project.StepProgress));
    }

    [Fact]
    public void A_generated_project_starts_at_5_and_ends_at_100()
    {
        var project = VideoPlans.Draft(transitions: false, 5);

        VideoProjectProgress.Starting(project);
        Assert.Equal((VideoProjectSteps.Starting, "Starting video generation…", 5), (project.Step, project.Label, project.StepProgress));

        VideoProjectProgress.Completed(project);
        Assert.Equal((VideoProjectSteps.Completed, "Video ready!", 100), (project.Step, project.Label, project.StepProgress));
    }
}
