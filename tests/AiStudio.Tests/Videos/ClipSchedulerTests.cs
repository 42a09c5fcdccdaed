using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class ClipSchedulerTests
{
    private const ClipStatus Pending = ClipStatus.Pending;
    private const ClipStatus Generating = ClipStatus.Generating;
    private const ClipStatus Completed = ClipStatus.Completed;
    private const ClipStatus Failed = ClipStatus.Failed;

    [Fact]
    public void At_most_the_in_flight_cap_of_segments_start_in_sequence_order()
    {
        var project = VideoPlans.Generating(transitions: false, Completed, Generating, Pending, Pending, Pending);

        var starting = ClipScheduler.NextToStart(project, maxInFlight: 3);

        Assert.Equal([2, 3], starting.Select(segment => segment.SequenceOrder));
    }

    [Fact]
    public void A_transition_starts_once_both_neighbours_are_completed()
    {
        var waiting = VideoPlans.Generating(transitions: true, Completed, Pending, Generating);
        var ready = VideoPlans.Generating(transitions: true, Completed, Pending, Completed);

        Assert.Empty(ClipScheduler.NextToStart(waiting, maxInFlight: 3));
        Assert.Equal([1], ClipScheduler.NextToStart(ready, maxInFlight: 3).Select(segment => segment.SequenceOrder));
    }

    [Fact]
    public void Nothing_starts_once_a_clip_of_the_run_failed()
    {
        var project = VideoPlans.Generating(transitions: false, Failed, Generating, Pending);
        project.RunFailure = "Kling API error";

        Assert.Empty(ClipScheduler.NextToStart(project, maxInFlight: 3));
        Assert.False(ClipScheduler.IsReadyToCompile(project));
    }

    [Fact]
    public void The_run_fails_only_once_the_clips_in_flight_after_a_failure_have_ended()
    {
        var project = VideoPlans.Generating(transitions: false, Failed, Generating);
        project.RunFailure = "Kling API error";
        Assert.False(ClipScheduler.RunHasFailed(project));

        project.Segments[1].Status = Completed;

        Assert.True(ClipScheduler.RunHasFailed(project));
    }

    [Fact]
    public void The_project_is_ready_to_compile_once_every_segment_completed()
    {
        Assert.False(ClipScheduler.IsReadyToCompile(VideoPlans.Generating(transitions: true, Completed, Generating, Completed)));
        Assert.True(ClipScheduler.IsReadyToCompile(VideoPlans.Generating(transitions: true, Completed, Completed, Completed)));
    }

    [Fact]
    public void A_completed_report_records_the_clip_file_once()
    {
        var project = VideoPlans.Generating(transitions: false, Generating);
        var report = VideoPlans.Report(project.Segments[0], Completed, run: 1, clipKey: "clips/a.mp4");

        Assert.True(ClipScheduler.Apply(project, report, out var segment));
        Assert.Equal((Completed, "clips/a.mp4"), (segment!.Status, segment.ClipKey));
        Assert.False(ClipScheduler.Apply(project, report, out _));
    }

    [Fact]
    public void A_failure_of_this_run_is_the_runs_failure_and_a_failure_of_an_earlier_run_is_ignored()
    {
        var project = VideoPlans.Generating(transitions: false, Generating, Generating);
        project.Run = 2;

        Assert.False(ClipScheduler.Apply(project, VideoPlans.Report(project.Segments[0], Failed, run: 1, error: "old"), out _));
        Assert.True(ClipScheduler.Apply(project, VideoPlans.Report(project.Segments[1], Failed, run: 2, error: "new"), out _));

        Assert.Equal([Generating, Failed], project.Segments.Select(segment => segment.Status));
        Assert.Equal("new", project.RunFailure);
    }

    [Fact]
    public void A_clip_is_started_again_when_its_start_was_lost_or_it_worked_for_an_earlier_run()
    {
        var project = VideoPlans.Generating(transitions: false, Generating);
        project.Run = 2;
        var segment = project.Segments[0];

        Assert.True(ClipScheduler.NeedsStart(project, VideoPlans.Report(segment, Pending, run: 0)));
        Assert.True(ClipScheduler.NeedsStart(project, VideoPlans.Report(segment, Failed, run: 1)));
        Assert.False(ClipScheduler.NeedsStart(project, VideoPlans.Report(segment, Failed, run: 2)));
        Assert.False(ClipScheduler.NeedsStart(project, VideoPlans.Report(segment, Generating, run: 2)));
    }

    [Fact]
    public void A_retry_is_a_new_run_that_regenerates_only_what_is_not_completed()
    {
        var project = VideoPlans.Generating(transitions: true, Completed, Failed, Completed, Generating, Failed);
        project.RunFailure = "Kling API error";
        project.Segments[1].ErrorMessage = "Kling API error";

        ClipScheduler.BeginRetry(project);

        Assert.Equal(2, project.Run);
        Assert.Null(project.RunFailure);
        Assert.Equal([Completed, Pending, Completed, Pending, Pending], project.Segments.Select(segment => segment.Status));
        Assert.All(project.Segments, segment => Assert.Null(segment.ErrorMessage));
    }
}
