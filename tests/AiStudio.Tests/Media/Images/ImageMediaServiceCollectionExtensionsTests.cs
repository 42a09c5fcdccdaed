using AiStudio.Images.Providers;
using AiStudio.Media;
using AiStudio.Media.Images;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Media.Images;

public sealed class ImageMediaServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_local_provider_is_the_image_provider_and_its_settings_come_from_configuration()
    {
        await using var services = Build(new()
        {
            ["Storage:Root"] = _directory.Path,
            ["Media:MaxConcurrentJobs"] = "3",
            ["Media:FfmpegTimeout"] = "00:00:45",
            ["Media:JobLeaseTimeout"] = "00:01:00",
        });

        var provider = services.GetRequiredService<IImageProvider>();

        Assert.Same(services.GetRequiredService<LocalFfmpegImageProvider>(), provider);
        Assert.Equal(("local-ffmpeg", "local-ffmpeg/image-v1"), (provider.Name, provider.Model));
        Assert.NotNull(services.GetRequiredService<MaskPreparer>());
        Assert.NotNull(services.GetRequiredService<FfmpegRunner>());
        Assert.Equal(TimeSpan.FromSeconds(45), services.GetRequiredService<IOptions<FfmpegOptions>>().Value.FfmpegTimeout);
        var providerOptions = services.GetRequiredService<IOptions<LocalFfmpegImageProviderOptions>>().Value;
        Assert.Equal((_directory.Path, 3, TimeSpan.FromMinutes(1)), (providerOptions.StorageRoot, providerOptions.MaxConcurrentJobs, providerOptions.JobLeaseTimeout));
    }

    [Fact]
    public async Task Jobs_live_under_the_storage_root()
    {
        await using var services = Build(new() { ["Storage:Root"] = _directory.Path });
        var source = _directory.File("photo.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=32x32", source, "-f", "image2");

        var taskId = await services.GetRequiredService<IImageProvider>().SubmitAsync(new ImageJobRequest("k", ImageJobKind.Enhance, source, null, "p"), default);

        Assert.True(File.Exists(Path.Combine(_directory.Path, ".provider", "images", taskId, "request.json")));
    }

    [Fact]
    public async Task Defaults_apply_without_configuration()
    {
        await using var services = Build([]);

        var options = services.GetRequiredService<IOptions<LocalFfmpegImageProviderOptions>>().Value;
        var ffmpeg = services.GetRequiredService<IOptions<FfmpegOptions>>().Value;

        Assert.Equal((".data/media", 2), (options.StorageRoot, options.MaxConcurrentJobs));
        Assert.Equal(("ffmpeg", "ffprobe", TimeSpan.FromMinutes(2)), (ffmpeg.FfmpegPath, ffmpeg.FfprobePath, ffmpeg.FfmpegTimeout));
    }

    [Fact]
    public async Task A_job_limit_below_one_is_refused()
    {
        await using var services = Build(new() { ["Storage:Root"] = _directory.Path, ["Media:MaxConcurrentJobs"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LocalFfmpegImageProviderOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddImageMedia(configuration).BuildServiceProvider();
    }
}
