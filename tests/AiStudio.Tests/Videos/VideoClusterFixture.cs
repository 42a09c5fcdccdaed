using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Videos;

/// <summary>
/// A cluster whose video provider is a <see cref="ScriptedVideoProvider"/> shared by all silos, with a provider
/// limit of <see cref="ProviderConcurrency"/>, quick polling, and a sample clip (real H.264, so compiles run real
/// FFmpeg) that scripted tasks return.
/// </summary>
public class VideoClusterFixture : AiStudioClusterFixture
{
    public const int ProviderConcurrency = 4;
    public const int ClipCentsPerSecond = 3;
    public const int TransitionCents = 20;
    public const int CompileCents = 7;
    public const int AmbientAudioCents = 11;

    private ScriptedVideoProvider? _provider;

    public ScriptedVideoProvider Provider => _provider ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A one-second H.264 clip that every scripted task yields unless its script names another file.</summary>
    public string SampleClipPath => Path.Combine(StorageRoot, ".samples", "sample.mp4");

    /// <summary>A file that is not a video, for scripted tasks whose result must break the compile.</summary>
    public string BrokenClipPath => Path.Combine(StorageRoot, ".samples", "broken.mp4");

    public override async Task InitializeAsync()
    {
        await CreateSamplesAsync();
        _provider = new ScriptedVideoProvider(SampleClipPath);
        await base.InitializeAsync();
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Videos:ProviderConcurrency"] = ProviderConcurrency.ToString();
        settings["Videos:ProviderPollInterval"] = "00:00:00.050";
        settings["Videos:CompileHeartbeatInterval"] = "00:00:01";
        settings["Pricing:Videos:Local:ClipCentsPerSecond"] = ClipCentsPerSecond.ToString();
        settings["Pricing:Videos:Local:TransitionCents"] = TransitionCents.ToString();
        settings["Pricing:Videos:Local:CompileCents"] = CompileCents.ToString();
        settings["Pricing:Videos:Local:AmbientAudioCents"] = AmbientAudioCents.ToString();
        settings["Api:PublicBaseUrl"] = "https://studio.example";
        settings["Webhooks:InitialRetryDelay"] = "00:00:00.200";
        settings["Fetch:AllowedHosts:0"] = "127.0.0.1";
    }

    /// <summary>Reminders tick every second and a run silent for three is stale, so stalled work resumes within a test.</summary>
    protected static void ResumeStalledWorkWithinSeconds(IDictionary<string, string?> settings)
    {
        settings["Reminders:MinimumPeriod"] = "00:00:01";
        settings["Videos:ResumeCheckInterval"] = "00:00:01";
        settings["Videos:StaleRunAfter"] = "00:00:03";
    }

    protected internal override void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration)
    {
        // Production registrations come first (AddAiStudioGrainServices); the last IVideoProvider registration wins.
        services.AddSingleton<IVideoProvider>(Provider);
    }

    /// <summary>Stores a small PNG as an image result of <paramref name="workspaceId"/> and returns its key.</summary>
    public async Task<string> StoreSourceImageAsync(string workspaceId)
    {
        var key = BlobKeys.ImageFolder(workspaceId, Common.EntityIds.NewImageId()) + "/result.png";
        await Blobs.PutFileAsync(key, Path.Combine(StorageRoot, ".samples", "source.png"));
        return key;
    }

    private async Task CreateSamplesAsync()
    {
        var samples = Directory.CreateDirectory(Path.Combine(StorageRoot, ".samples")).FullName;
        await TestFfmpeg.RunAsync(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", SampleClipPath]);
        await TestFfmpeg.RenderAsync("testsrc2=size=320x180", Path.Combine(samples, "source.png"));
        await File.WriteAllTextAsync(BrokenClipPath, "not a video");
    }
}
