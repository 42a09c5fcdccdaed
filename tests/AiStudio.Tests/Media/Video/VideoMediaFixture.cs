using AiStudio.Media;
using AiStudio.Media.Video;
using AiStudio.Providers;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Media.Video;

/// <summary>
/// A media root with three 5 s clips rendered by the local provider from a generated JPEG, PNG and WebP, the two
/// transitions between them, and an 8 s MP3, all made once for the collection.
/// </summary>
public sealed class VideoMediaFixture : IAsyncLifetime
{
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(2);

    private readonly List<ServiceProvider> _services = [];
    private readonly TemporaryDirectory _storage = new();

    public string StorageRoot => _storage.Path;

    public string SourcesDirectory => Path.Combine(StorageRoot, "sources");

    /// <summary>Where the fixture stores the results it fetched from the provider, as the clip runner stores them in the blob store.</summary>
    public string ResultsDirectory => Path.Combine(StorageRoot, "results");

    public IVideoProvider Provider { get; private set; } = null!;

    public IVideoCompiler Compiler { get; private set; } = null!;

    /// <summary>Clips made from the JPEG, the PNG and the WebP, in that order.</summary>
    public IReadOnlyList<string> Clips { get; private set; } = [];

    /// <summary>Clip 0 to clip 1, and clip 1 to clip 2.</summary>
    public IReadOnlyList<string> Transitions { get; private set; } = [];

    public string MusicPath { get; private set; } = null!;

    /// <summary>A separate set of services on the same media root, as another process (or the same one after a restart) would have.</summary>
    public ServiceProvider CreateServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Root"] = StorageRoot,
                ["Media:MaxConcurrentJobs"] = "2",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddMedia(configuration).AddVideoProviders(configuration).BuildServiceProvider();
        _services.Add(services);
        return services;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(SourcesDirectory);
        var services = CreateServices();
        Provider = services.GetRequiredService<IVideoProvider>();
        Compiler = services.GetRequiredService<IVideoCompiler>();

        var images = await Task.WhenAll(
            VideoTestMedia.CreateImageAsync(Path.Combine(SourcesDirectory, "landscape.jpg"), "testsrc2=s=1600x1000"),
            VideoTestMedia.CreateImageAsync(Path.Combine(SourcesDirectory, "portrait.png"), "smptehdbars=s=900x1200"),
            VideoTestMedia.CreateImageAsync(Path.Combine(SourcesDirectory, "square.webp"), "rgbtestsrc=s=1000x1000", codec: "libwebp"));
        MusicPath = await VideoTestMedia.CreateMusicAsync(Path.Combine(SourcesDirectory, "music.mp3"), seconds: 8);

        var clipTasks = await Task.WhenAll(images.Select((image, i) =>
            Provider.SubmitAsync(new ClipJobRequest($"fixture-clip-{i}", image, "slow pan", 5, "16:9"), CancellationToken.None)));
        Clips = await Task.WhenAll(clipTasks.Select(SucceededPathAsync));

        var transitionTasks = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            Provider.SubmitAsync(new TransitionJobRequest($"fixture-transition-{i}", Clips[i], Clips[i + 1], "16:9"), CancellationToken.None)));
        Transitions = await Task.WhenAll(transitionTasks.Select(SucceededPathAsync));
    }

    public async Task DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }

        _storage.Dispose();
    }

    private async Task<string> SucceededPathAsync(string taskId)
    {
        var state = await VideoTestMedia.WaitUntilFinishedAsync(Provider, taskId, RenderTimeout);
        Assert.True(state.Status == ProviderJobStatus.Succeeded, $"Task {taskId} ended {state.Status}: {state.ErrorMessage}");
        return await VideoTestMedia.FetchResultAsync(Provider, taskId, ResultsDirectory);
    }
}
