using AiStudio.Providers;
using AiStudio.Providers.Fal;
using AiStudio.Videos.Providers.Kling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos.Providers;

public static class VideoProviderServiceCollectionExtensions
{
    public const string ConfigurationKey = "Providers:Videos";

    /// <summary>
    /// Registers the <see cref="IVideoProvider"/> named by <c>Providers:Videos</c>: <c>local</c> (the default), the
    /// local FFmpeg provider, with its jobs under <c>Storage:Root</c> and the media tools of <c>AddMedia</c>; <c>fal</c>,
    /// fal.ai's models (<see cref="FalOptions"/>; the host does not start without <c>Fal:Key</c> or <c>FAL_KEY</c>); or
    /// <c>kling</c>, Kling's own API (<see cref="KlingServiceCollectionExtensions.AddKlingVideoProvider"/>).
    /// Also registers that provider's <see cref="VideoPricingOptions"/> from <c>Pricing:Videos</c> (<see cref="VideoPricingTable"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting names no video provider; the host does not start.</exception>
    public static IServiceCollection AddVideoProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var choice = ProviderChoice.Read(configuration, ConfigurationKey, [ProviderChoice.Local, ProviderChoice.Fal, ProviderChoice.Kling]);
        services.AddOptions<VideoPricingTable>()
            .Bind(configuration.GetSection("Pricing:Videos"))
            .Validate(table => table.IsValid, "Pricing:Videos entries must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(provider => Options.Create(provider.GetRequiredService<IOptions<VideoPricingTable>>().Value.For(choice)));
        if (choice == ProviderChoice.Fal)
        {
            services.AddFalQueue(configuration);
            services.TryAddSingleton<IVideoProvider, FalVideoProvider>();
        }
        else if (choice == ProviderChoice.Kling)
        {
            services.AddKlingVideoProvider(configuration);
        }
        else
        {
            LocalProviderOptions.Register(services, configuration);
            services.TryAddSingleton<LocalFfmpegVideoProvider>();
            services.TryAddSingleton<IVideoProvider>(provider => provider.GetRequiredService<LocalFfmpegVideoProvider>());
        }

        return services;
    }
}
