using AiStudio.Limits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Limits;

public sealed class ProviderSlotsOptionsTests
{
    [Fact]
    public void Without_settings_local_ffmpeg_is_not_throttled_to_a_few_while_fal_and_kling_are()
    {
        var options = Bind([]);

        Assert.True(options.CapacityOf("local-ffmpeg") >= 50, "Drill 1 runs 50 local images at once over the cluster");
        Assert.Equal(10, options.CapacityOf("fal"));
        Assert.Equal(4, options.CapacityOf("kling"));
        Assert.Equal(ProviderSlotsOptions.FallbackConcurrency, options.CapacityOf("another-provider"));
    }

    [Fact]
    public void A_provider_named_under_providers_concurrency_takes_that_limit_before_videos_provider_concurrency()
    {
        var options = Bind(new() { ["Providers:Concurrency:fal"] = "25", ["Videos:ProviderConcurrency"] = "3" });

        Assert.Equal(25, options.CapacityOf("fal"));
        Assert.Equal(3, options.CapacityOf("kling"));
        Assert.Equal(3, options.CapacityOf("local-ffmpeg"));
    }

    [Fact]
    public void A_limit_below_one_stops_the_host()
    {
        var services = Services(new() { ["Providers:Concurrency:fal"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProviderSlotsOptions>>().Value);
    }

    private static ProviderSlotsOptions Bind(Dictionary<string, string?> settings) =>
        Services(settings).GetRequiredService<IOptions<ProviderSlotsOptions>>().Value;

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddProviderSlots(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
