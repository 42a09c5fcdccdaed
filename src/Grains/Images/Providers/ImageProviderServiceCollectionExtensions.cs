using AiStudio.Providers;
using AiStudio.Providers.Fal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiStudio.Images.Providers;

public static class ImageProviderServiceCollectionExtensions
{
    public const string ConfigurationKey = "Providers:Images";

    /// <summary>
    /// Registers the <see cref="IImageProvider"/> named by <c>Providers:Images</c>: <c>local</c> (the default), the
    /// local FFmpeg provider, with its jobs under <c>Storage:Root</c> and the media tools of <c>AddMedia</c>; or <c>fal</c>,
    /// fal.ai's models (<see cref="FalOptions"/>; the host does not start without <c>Fal:Key</c> or <c>FAL_KEY</c>).
    /// Also registers that provider's <see cref="ImagePrices"/> from <c>Pricing:Images</c> (<see cref="ImagePricingOptions"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting names no image provider; the host does not start.</exception>
    public static IServiceCollection AddImageProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var choice = ProviderChoice.Read(configuration, ConfigurationKey, [ProviderChoice.Local, ProviderChoice.Fal]);
        services.AddOptions<ImagePricingOptions>()
            .Bind(configuration.GetSection("Pricing:Images"))
            .Validate(
                options => new[] { options.Local, options.Fal }.All(prices => prices.EnhanceCents >= 0 && prices.InpaintCents >= 0),
                "Pricing:Images entries must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(provider =>
        {
            var table = provider.GetRequiredService<IOptions<ImagePricingOptions>>().Value;
            return choice == ProviderChoice.Fal ? table.Fal : table.Local;
        });
        if (choice == ProviderChoice.Fal)
        {
            services.AddFalQueue(configuration);
            services.TryAddSingleton<IImageProvider, FalImageProvider>();
        }
        else
        {
            LocalProviderOptions.Register(services, configuration);
            services.TryAddSingleton<LocalFfmpegImageProvider>();
            services.TryAddSingleton<IImageProvider>(provider => provider.GetRequiredService<LocalFfmpegImageProvider>());
        }

        return services;
    }
}
