using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class VideoCostCalculatorTests
{
    [Fact]
    public void The_estimate_counts_every_segment_once_and_the_compile()
    {
        var project = VideoPlans.Draft(transitions: true, 5, 10, 5);

        Assert.Equal(3 * 20 + 2 * 20 + 7, VideoCostCalculator.Estimated(project));
    }

    [Fact]
    public void The_actual_cost_counts_only_the_completed_segments_and_the_compile()
    {
        var project = VideoPlans.Generating(transitions: true, ClipStatus.Completed, ClipStatus.Failed, ClipStatus.Completed);

        Assert.Equal(2 * 15 + 7, VideoCostCalculator.Actual(project));
    }
}
