using AiStudio.Common;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Providers;

/// <summary>
/// A cluster wired as production with a remote video provider played by a test double on loopback: the double is
/// started before the silos with a one-second clip to return for every task; projects are made of rendered pictures.
/// </summary>
public abstract class RemoteVideoFixture : AiStudioClusterFixture
{
    private readonly TemporaryDirectory _samples = new();

    public override async Task InitializeAsync()
    {
        await StartDoubleAsync(await SampleClip.RenderAsync("320x180", seconds: 1));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await StopDoubleAsync();
        _samples.Dispose();
    }

    /// <summary>Creates a draft project in a new workspace: one clip of each length in <paramref name="clipSeconds"/>, all with <paramref name="prompt"/>.</summary>
    public async Task<IVideoProjectGrain> CreateProjectAsync(string prompt, bool transitions, params int[] clipSeconds)
    {
        var workspaceId = "ws_" + Guid.NewGuid().ToString("N")[..12];
        var clips = new List<VideoClipSpec>();
        foreach (var seconds in clipSeconds)
        {
            clips.Add(new VideoClipSpec(await StoreSourceImageAsync(workspaceId), null, prompt, seconds));
        }

        var project = Client.GetGrain<IVideoProjectGrain>(EntityIds.NewVideoProjectId());
        await project.CreateAsync(new NewVideoProject(
            workspaceId, "user_1", "Remote tour", clips, transitions, null, AmbientAudio: false, VideoAspectRatios.Landscape, null, null));
        return project;
    }

    /// <summary>Waits until the project is completed or failed, and returns its status then.</summary>
    public static Task<VideoStatus> WaitUntilFinishedAsync(IVideoProjectGrain project) =>
        WaitUntil.ValueAsync(
            async () => (await project.GetAsync())!,
            status => status.Status is VideoProjectStatus.Completed or VideoProjectStatus.Failed,
            "the project made by the remote provider finishes",
            TimeSpan.FromMinutes(3));

    /// <summary>Starts the provider's test double, which returns <paramref name="sampleClip"/> for every finished task.</summary>
    protected abstract Task StartDoubleAsync(byte[] sampleClip);

    protected abstract ValueTask StopDoubleAsync();

    /// <summary>Renders a test picture, stores it as an image result of <paramref name="workspaceId"/>, and returns its key.</summary>
    private async Task<string> StoreSourceImageAsync(string workspaceId)
    {
        var key = BlobKeys.ImageFolder(workspaceId, EntityIds.NewImageId()) + "/result.png";
        var file = _samples.File(Guid.NewGuid().ToString("N") + ".png");
        await TestFfmpeg.RenderAsync("testsrc2=size=640x360", file);
        await Blobs.PutFileAsync(key, file);
        return key;
    }
}
