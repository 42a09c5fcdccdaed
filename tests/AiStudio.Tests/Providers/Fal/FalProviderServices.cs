using AiStudio.Images.Providers;
using AiStudio.Media;
using AiStudio.Net;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>The silo's provider registration with <c>Providers:Images</c> and <c>Providers:Videos</c> set to <c>fal</c>, pointed at a <see cref="FalQueueTestDouble"/>.</summary>
internal static class FalProviderServices
{
    /// <summary>The settings that choose fal for images and videos and point it at the double, with short retry delays.</summary>
    public static Dictionary<string, string?> Settings(FalQueueTestDouble fal) => new()
    {
        ["Providers:Images"] = "fal",
        ["Providers:Videos"] = "fal",
        ["Fal:Key"] = FalQueueTestDouble.Key,
        ["Fal:QueueUrl"] = fal.QueueUrl,
        ["Fal:RestUrl"] = fal.RestUrl,
        ["Fal:RetryDelay"] = "00:00:00.010",
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
    };

    public static ServiceProvider Build(FalQueueTestDouble fal, Dictionary<string, string?>? overrides = null)
    {
        var settings = Settings(fal);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();

        // The silo binds the fetch policy with its video services; the providers only read it.
        services.AddOptions<SafeFetchOptions>().Bind(configuration.GetSection(SafeFetchOptions.SectionName));
        services.AddMedia(configuration).AddImageProviders(configuration).AddVideoProviders(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
