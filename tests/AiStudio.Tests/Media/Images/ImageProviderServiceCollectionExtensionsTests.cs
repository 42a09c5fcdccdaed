using AiStudio.Images.Providers;
using AiStudio.Media;
using AiStudio.Providers;
using AiStudio.Media.Images;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Media.Images;

public sealed class ImageProviderServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("local")]
    [InlineData(" Local ")]
    public async Task The_local_provider_is_the_image_provider_unless_configured_otherwise(string? configured)
    {
        await using var services = Build(new() { ["Storage:Root"] = _directory.Path, ["Providers:Images"] = configured });

        var provider = services.GetRequiredService<IImageProvider>();

        Assert.Same(services.GetRequiredService<LocalFfmpegImageProvider>(), provider);
        Assert.Equal(("local-ffmpeg", "local-ffmpeg/image-v1"), (provider.Name, provider.ModelFor(ImageJobKind.Enhance)));
        Assert.Equal(_directory.Path, services.GetRequiredService<IOptions<LocalProviderOptions>>().Value.StorageRoot);
    }

    [Fact]
    public void An_unknown_image_provider_stops_the_start_with_a_message_naming_the_setting()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Providers:Images"] = "dall-e" }));

        Assert.Contains("Providers:Images", failure.Message);
        Assert.Contains("'dall-e'", failure.Message);
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
    public async Task Media_defaults_apply_without_configuration()
    {
        await using var services = Build([]);

        var ffmpeg = services.GetRequiredService<IOptions<FfmpegOptions>>().Value;

        Assert.Equal(".data/media", services.GetRequiredService<IOptions<LocalProviderOptions>>().Value.StorageRoot);
        Assert.Equal(("ffmpeg", "ffprobe", TimeSpan.FromMinutes(2), 2), (ffmpeg.FfmpegPath, ffmpeg.FfprobePath, ffmpeg.FfmpegTimeout, ffmpeg.MaxConcurrentJobs));
    }

    [Fact]
    public async Task An_ffmpeg_limit_below_one_is_refused()
    {
        await using var services = Build(new() { ["Storage:Root"] = _directory.Path, ["Media:MaxConcurrentJobs"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FfmpegOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMedia(configuration).AddImageProviders(configuration).BuildServiceProvider();
    }
}
