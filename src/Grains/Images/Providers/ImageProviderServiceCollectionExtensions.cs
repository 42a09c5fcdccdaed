using AiStudio.Providers;
using AiStudio.Providers.Fal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Images.Providers;

public static class ImageProviderServiceCollectionExtensions
{
    public const string ConfigurationKey = "Providers:Images";

    /// <summary>
    /// Registers the <see cref="IImageProvider"/> named by <c>Providers:Images</c>: <c>local</c> (the default), the
    /// local FFmpeg provider, with its jobs under <c>Storage:Root</c> and the media tools of <c>AddMedia</c>; or <c>fal</c>,
    /// fal.ai's models (<see cref="FalOptions"/>; the host does not start without <c>Fal:Key</c> or <c>FAL_KEY</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting names no image provider; the host does not start.</exception>
    public static IServiceCollection AddImageProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (ProviderChoice.Read(configuration, ConfigurationKey, [ProviderChoice.Local, ProviderChoice.Fal]) == ProviderChoice.Fal)
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
