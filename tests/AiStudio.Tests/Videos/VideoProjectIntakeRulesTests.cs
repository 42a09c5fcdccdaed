using AiStudio.Auth;
using AiStudio.Problems;
using AiStudio.Videos;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Videos;

/// <summary>The API's field checks of a video project request, which run before it touches the cluster, storage or network.</summary>
public sealed class VideoProjectIntakeRulesTests
{
    private static readonly VideoProjectIntake Intake = new(null!, null!, null!, null!, Options.Create(new ApiKeysOptions()));

    [Fact]
    public async Task The_API_refuses_each_broken_rule_with_the_rules_own_message()
    {
        var body = new CreateVideoProjectRequest(
            new string('n', VideoRequestRules.MaxNameLength + 1),
            [new VideoClipRequest(null, "https://example.com/a.png", "Pan", 7)],
            null,
            new BackgroundMusicRequest("https://example.com/a.mp3", double.NaN),
            null,
            "4:3",
            null);

        var refusal = await Assert.ThrowsAsync<ApiProblemException>(
            () => Intake.ReadAsync("vid_1", new Caller("ws_1", "user_1"), body, CancellationToken.None));

        Assert.Equal([VideoRequestRules.NameLengthRule], refusal.Errors!["name"]);
        Assert.Equal([VideoRequestRules.ClipDurationRule], refusal.Errors["clips[0].durationSeconds"]);
        Assert.Equal([VideoRequestRules.AspectRatioRule], refusal.Errors["aspectRatio"]);
        Assert.Equal([VideoRequestRules.MusicVolumeRule], refusal.Errors["backgroundMusic.volume"]);
    }

    [Fact]
    public async Task The_API_refuses_more_clips_than_the_rule_allows()
    {
        var clip = new VideoClipRequest(null, "https://example.com/a.png", "Pan", VideoRequestRules.DefaultClipDuration);
        var body = new CreateVideoProjectRequest("Tour", Enumerable.Repeat<VideoClipRequest?>(clip, VideoRequestRules.MaxClips + 1).ToList(), null, null, null, null, null);

        var refusal = await Assert.ThrowsAsync<ApiProblemException>(
            () => Intake.ReadAsync("vid_1", new Caller("ws_1", "user_1"), body, CancellationToken.None));

        Assert.Equal([VideoRequestRules.ClipCountRule], refusal.Errors!["clips"]);
    }
}
