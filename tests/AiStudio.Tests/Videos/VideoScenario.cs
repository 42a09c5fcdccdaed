using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

/// <summary>One video project of a test: its grain, its clips as created, and ways to wait on it.</summary>
public sealed class VideoScenario
{
    private VideoScenario(IVideoProjectGrain grain, VideoStatus created, IReadOnlyList<VideoClipView> clips)
    {
        Grain = grain;
        Created = created;
        Clips = clips;
    }

    public IVideoProjectGrain Grain { get; }

    public VideoStatus Created { get; }

    /// <summary>Clips and transitions by sequence order, as created.</summary>
    public IReadOnlyList<VideoClipView> Clips { get; }

    public IEnumerable<string> ClipIds => Clips.Select(clip => clip.Id);

    public string Id => Created.Id;

    public static async Task<VideoScenario> CreateAsync(
        VideoClusterFixture fixture,
        int clipCount,
        bool transitions = false,
        string? webhookUrl = null,
        string? webhookSecret = null,
        bool ambientAudio = false,
        BackgroundMusic? music = null)
    {
        var workspaceId = "ws_" + Guid.NewGuid().ToString("N")[..12];
        var specs = new List<VideoClipSpec>();
        for (var i = 0; i < clipCount; i++)
        {
            specs.Add(new VideoClipSpec(await fixture.StoreSourceImageAsync(workspaceId), null, $"Slow pan {i}", i % 2 == 0 ? 5 : 10));
        }

        var grain = fixture.Client.GetGrain<IVideoProjectGrain>(Common.EntityIds.NewVideoProjectId());
        var created = await grain.CreateAsync(new NewVideoProject(
            workspaceId, "user_1", "Tour", specs, transitions, music, ambientAudio, VideoAspectRatios.Landscape, webhookUrl, webhookSecret));
        var clips = await grain.GetClipsAsync() ?? throw new InvalidOperationException("The project has no clips list.");
        return new VideoScenario(grain, created, clips);
    }

    public Task<VideoStatus> WaitForAsync(VideoProjectStatus status, TimeSpan? timeout = null) =>
        WaitUntil.ValueAsync(
            async () => (await Grain.GetAsync())!,
            current => current.Status == status,
            $"video project {Id} is {status}",
            timeout ?? TimeSpan.FromSeconds(60));

    public async Task<IReadOnlyList<VideoClipView>> GetClipsAsync() => (await Grain.GetClipsAsync())!;
}
