namespace AiStudio.Tests.Providers.Kling;

/// <summary>A video through the HTTP API with Kling's own API as the video provider, against the Kling test double.</summary>
public sealed class KlingApiFlowTests(KlingApiClusterFixture fixture) : IClassFixture<KlingApiClusterFixture>
{
    [Fact]
    public async Task A_video_made_by_kling_from_uploaded_images_compiles_its_clips_and_transition_and_costs_klings_prices()
    {
        var flow = await RemoteVideoFlow.RunAsync(fixture);

        // Two 5 s clips at 6 cents a second, a transition in the standard mode, and the compile (Pricing:Videos:Kling defaults).
        flow.AssertCompleted(cents: 2 * 30 + 30 + 5, KlingApiClusterFixture.SampleClipSeconds);
        Assert.Equal(3, fixture.Kling.TaskCount);
    }
}
