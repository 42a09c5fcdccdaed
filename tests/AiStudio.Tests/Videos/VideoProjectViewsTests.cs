using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class VideoProjectViewsTests
{
    [Fact]
    public void The_status_counts_the_completed_segments_and_carries_the_step_and_costs()
    {
        var project = VideoPlans.Generating(transitions: true, ClipStatus.Completed, ClipStatus.Pending, ClipStatus.Completed);
        VideoProjectProgress.Generating(project);

        var status = VideoProjectViews.StatusOf("vid_1", project);

        Assert.Equal(("vid_1", VideoProjectStatus.Generating, 3, 2), (status.Id, status.Status, status.ClipCount, status.CompletedClipCount));
        Assert.Equal(new VideoProgress(2, 3, 67), status.Progress);
        Assert.Equal(new VideoCost(project.EstimatedCost, null), status.Cost);
        Assert.Equal((VideoProjectSteps.Generating, 50), (status.Step, status.StepProgress));
    }

    [Fact]
    public void A_drafts_current_event_names_the_first_step_of_the_contract_at_0_percent()
    {
        var draft = VideoPlans.Draft(transitions: false, 5, 10);

        var current = VideoProjectViews.CurrentEvent("vid_1", draft);

        Assert.Equal(("draft", VideoProjectSteps.Starting, VideoProjectSteps.DraftLabel, 0), (current.Status, current.Step, current.Label, current.Progress));
    }

    [Fact]
    public void The_current_event_is_terminal_only_once_the_project_ended()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Completed);
        Assert.False(VideoProjectViews.CurrentEvent("vid_1", project).IsTerminal);

        project.Status = VideoProjectStatus.Failed;
        project.ErrorMessage = "FFmpeg compilation failed";
        var ended = VideoProjectViews.CurrentEvent("vid_1", project);

        Assert.True(ended.IsTerminal);
        Assert.Equal(("failed", "FFmpeg compilation failed", 1, 1), (ended.Status, ended.ErrorMessage, ended.TotalClips, ended.CompletedClipCount));
    }

    [Fact]
    public void An_event_about_a_segment_names_its_position_from_1_and_its_error()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Completed, ClipStatus.Failed);
        project.Segments[1].ErrorMessage = "Kling API error";

        var about = VideoProjectViews.EventAbout("vid_1", project, project.Segments[1]);

        Assert.Equal((2, "Kling API error"), (about.ClipIndex, about.ErrorMessage));
    }

    [Fact]
    public void An_event_about_a_queued_clip_carries_its_queue_position_at_the_generating_step()
    {
        var project = VideoPlans.Generating(transitions: false, ClipStatus.Completed, ClipStatus.Generating);
        VideoProjectProgress.Generating(project);

        var queued = VideoProjectViews.QueueEventAbout("vid_1", project, project.Segments[1], 0);
        var running = VideoProjectViews.QueueEventAbout("vid_1", project, project.Segments[1], null);

        Assert.Equal((VideoProjectSteps.Generating, 40, 2, 2, 0), (queued.Step, queued.Progress, queued.ClipIndex, queued.TotalClips, queued.QueuePosition));
        Assert.Null(running.QueuePosition);
    }
}
