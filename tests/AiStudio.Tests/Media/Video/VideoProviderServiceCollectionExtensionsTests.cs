using AiStudio.Media;
using AiStudio.Videos;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Theory]
    [InlineData("local", 7 * 5, 10)]
    [InlineData("fal", 6 * 5, 49)]
    [InlineData("kling", 6 * 5, 30)]
    public async Task Projects_are_priced_from_the_configured_providers_entry_of_the_price_table(string configured, int fiveSecondClipCents, int transitionCents)
    {
        await using var services = Build(new()
        {
            ["Providers:Videos"] = configured, ["Fal:Key"] = "id:secret", ["Kling:AccessKey"] = "ak", ["Kling:SecretKey"] = "sk",
        });

        var prices = services.GetRequiredService<IOptions<VideoPricingOptions>>().Value;

        Assert.Equal((fiveSecondClipCents, transitionCents, 5), (prices.PriceOf(ClipKind.Clip, 5), prices.PriceOf(ClipKind.Transition, 0), prices.CompilePrice(ambientAudio: false)));
    }

    [Fact]
    public async Task A_price_configured_for_the_provider_replaces_its_default()
    {
        await using var services = Build(new() { ["Providers:Videos"] = "fal", ["Fal:Key"] = "id:secret", ["Pricing:Videos:Fal:TransitionCents"] = "35" });

        Assert.Equal(35, services.GetRequiredService<IOptions<VideoPricingOptions>>().Value.TransitionCents);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMedia(configuration).AddVideoProviders(configuration).BuildServiceProvider();
    }
}
