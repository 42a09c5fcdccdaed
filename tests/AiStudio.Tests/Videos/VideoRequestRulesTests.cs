using AiStudio.Common;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

public sealed class VideoRequestRulesTests
{
    [Theory]
    [InlineData(5, true)]
    [InlineData(10, true)]
    [InlineData(0, false)]
    [InlineData(7, false)]
    [InlineData(15, false)]
    public void A_clip_lasts_5_or_10_seconds(int seconds, bool allowed) =>
        Assert.Equal(allowed, VideoRequestRules.IsClipDuration(seconds));

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.5, true)]
    [InlineData(1.0, true)]
    [InlineData(-0.01, false)]
    [InlineData(1.01, false)]
    [InlineData(double.NaN, false)]
    public void Music_volume_is_from_0_to_1(double volume, bool allowed) =>
        Assert.Equal(allowed, VideoRequestRules.IsMusicVolume(volume));

    [Fact]
    public void The_rules_name_what_they_allow()
    {
        Assert.Equal("durationSeconds must be 5 or 10.", VideoRequestRules.ClipDurationRule);
        Assert.Equal("aspectRatio must be one of 16:9, 9:16, 1:1.", VideoRequestRules.AspectRatioRule);
        Assert.Equal(5, VideoRequestRules.DefaultClipDuration);
    }

    [Fact]
    public void The_grain_accepts_a_request_that_keeps_the_rules()
    {
        NewVideoProjectValidator.Validate(VideoPlans.Request(transitions: true, 5, 10));
    }

    [Fact]
    public void The_grain_refuses_a_request_that_breaks_a_rule_naming_the_field()
    {
        var valid = VideoPlans.Request(transitions: false, 5, 10);
        var music = new BackgroundMusic(valid.Clips[0].SourceImageKey, 0.5);

        Assert.Equal("clips[1].durationSeconds", Refusal(valid with { Clips = [valid.Clips[0], valid.Clips[1] with { DurationSeconds = 7 }] }));
        Assert.Equal("aspectRatio", Refusal(valid with { AspectRatio = "4:3" }));
        Assert.Equal("name", Refusal(valid with { Name = " " }));
        Assert.Equal("name", Refusal(valid with { Name = new string('n', VideoRequestRules.MaxNameLength + 1) }));
        Assert.Equal("clips", Refusal(valid with { Clips = Enumerable.Repeat(valid.Clips[0], VideoRequestRules.MaxClips + 1).ToList() }));
        Assert.Equal("backgroundMusic", Refusal(valid with { BackgroundMusic = music with { Volume = double.NaN } }));
        Assert.Equal("backgroundMusic", Refusal(valid with { BackgroundMusic = music with { Volume = 1.5 } }));
    }

    private static string? Refusal(NewVideoProject request) =>
        Assert.Throws<RequestRejectedException>(() => NewVideoProjectValidator.Validate(request)).Field;
}
