using AiStudio.Common;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Providers.Kling;

/// <summary>
/// A cluster wired as production with <c>Providers:Videos=kling</c> in pro mode, pointed at a <see cref="KlingTestDouble"/>
/// that allows one unfinished task at a time (so clips wait out 1303) and returns a one-second clip for every task.
/// </summary>
public class KlingVideoFixture : AiStudioClusterFixture
{
    private readonly TemporaryDirectory _samples = new();
    private KlingTestDouble? _kling;

    public KlingTestDouble Kling => _kling ?? throw new InvalidOperationException("The fixture has not started.");

    public override async Task InitializeAsync()
    {
        _kling = await KlingTestDouble.StartAsync(await SampleClip.RenderAsync("320x180", seconds: 1));
        _kling.Concurrency = 1;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_kling is not null)
        {
            await _kling.DisposeAsync();
        }

        _samples.Dispose();
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in KlingProviderHost.Settings(StorageRoot, Kling))
        {
            settings[key] = value;
        }

        settings["Kling:Mode"] = "pro";
        settings["Videos:ProviderPollInterval"] = "00:00:00.100";
        settings["Api:PublicBaseUrl"] = "https://studio.example";
    }

    /// <summary>Renders a test picture, stores it as an image result of <paramref name="workspaceId"/>, and returns its key.</summary>
    public async Task<string> StoreSourceImageAsync(string workspaceId)
    {
        var key = BlobKeys.ImageFolder(workspaceId, EntityIds.NewImageId()) + "/result.png";
        var file = _samples.File(Guid.NewGuid().ToString("N") + ".png");
        await TestFfmpeg.RenderAsync("testsrc2=size=640x360", file);
        await Blobs.PutFileAsync(key, file);
        return key;
    }
}
