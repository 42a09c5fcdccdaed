using AiStudio.Media;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Media.Video;

public sealed class VideoProviderServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("LOCAL")]
    public async Task The_local_provider_is_the_video_provider_unless_configured_otherwise(string? configured)
    {
        var root = Path.Combine(Path.GetTempPath(), "aistudio-tests", Guid.NewGuid().ToString("N"));
        await using var services = Build(new() { ["Storage:Root"] = root, ["Providers:Videos"] = configured });

        var provider = services.GetRequiredService<IVideoProvider>();

        Assert.Same(services.GetRequiredService<LocalFfmpegVideoProvider>(), provider);
        Assert.Equal("local-ffmpeg", provider.Name);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void An_unknown_video_provider_stops_the_start_with_a_message_naming_the_setting()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Providers:Videos"] = "sora" }));

        Assert.Contains("Providers:Videos", failure.Message);
        Assert.Contains("'sora'", failure.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMedia(configuration).AddVideoProviders(configuration).BuildServiceProvider();
    }
}
