using AiStudio.Media.Video;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class VideoProjectPlannerTests
{
    [Fact]
    public void Clips_keep_their_order_with_a_transition_between_every_two_neighbours()
    {
        var segments = VideoProjectPlanner.Plan(VideoPlans.Request(transitions: true, 5, 10, 5), VideoPlans.Prices);

        Assert.Equal([ClipKind.Clip, ClipKind.Transition, ClipKind.Clip, ClipKind.Transition, ClipKind.Clip], segments.Select(segment => segment.Kind));
        Assert.Equal([0, 1, 2, 3, 4], segments.Select(segment => segment.SequenceOrder));
        Assert.Equal(["Pan 0", null, "Pan 1", null, "Pan 2"], segments.Select(segment => segment.Prompt));
        Assert.Equal(5, segments.Select(segment => segment.ClipId).Distinct().Count());
        Assert.All(segments, segment => Assert.Equal(ClipStatus.Pending, segment.Status));
    }

    [Fact]
    public void Without_transitions_only_the_clips_are_planned()
    {
        var segments = VideoProjectPlanner.Plan(VideoPlans.Request(transitions: false, 5, 10), VideoPlans.Prices);

        Assert.Equal([ClipKind.Clip, ClipKind.Clip], segments.Select(segment => segment.Kind));
        Assert.Equal([5, 10], segments.Select(segment => segment.DurationSeconds));
    }

    [Fact]
    public void A_new_project_is_a_draft_whose_segments_are_priced_from_the_table()
    {
        var project = VideoPlans.Draft(transitions: true, 5, 10);

        Assert.True(project.Exists);
        Assert.Equal(VideoProjectStatus.Draft, project.Status);
        Assert.Equal([5 * 3, 20, 10 * 3], project.Segments.Select(segment => segment.PriceCents));
        Assert.Equal(7, project.CompilePriceCents);
        Assert.Equal(15 + 20 + 30 + 7, project.EstimatedCost);
    }

    [Fact]
    public void A_transition_is_set_up_to_blend_the_files_of_its_two_neighbours()
    {
        var project = VideoPlans.Draft(transitions: true, 5, 10);
        var setups = project.Segments.Select(segment => VideoProjectPlanner.SetupOf("vid_1", project, segment)).ToList();

        Assert.Null(setups[0].FromClipKey);
        Assert.Equal(setups[0].ResultKey, setups[1].FromClipKey);
        Assert.Equal(setups[2].ResultKey, setups[1].ToClipKey);
        Assert.Equal(3, setups.Select(setup => setup.ResultKey).Distinct().Count());
        Assert.All(setups, setup => Assert.Equal(("vid_1", VideoAspectRatios.Landscape), (setup.VideoProjectId, setup.AspectRatio)));
    }

    [Fact]
    public void The_soundtrack_lasts_the_clips_plus_a_fixed_length_per_transition()
    {
        var plan = VideoProjectPlanner.SoundtrackOf(VideoPlans.Draft(transitions: true, 5, 10, 5));

        Assert.Equal(20 + 2 * VideoEncodingProfile.TransitionSeconds, plan.DurationSeconds);
    }

    [Fact]
    public void The_compile_joins_the_segment_files_in_sequence_order()
    {
        var project = VideoPlans.Generating(transitions: true, ClipStatus.Completed, ClipStatus.Completed, ClipStatus.Completed);
        project.Segments.Reverse();

        var job = VideoProjectPlanner.CompileJobOf("vid_1", project);

        Assert.Equal(["clips/0.mp4", "clips/1.mp4", "clips/2.mp4"], job.SegmentKeys);
        Assert.NotEqual(job.VideoKey, job.ThumbnailKey);
    }
}
