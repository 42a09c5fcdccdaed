using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Videos.Providers;

public static class VideoProviderServiceCollectionExtensions
{
    /// <summary>Registers the local FFmpeg video provider as the <see cref="IVideoProvider"/>; it needs the media tools of <c>AddMedia</c>.</summary>
    public static IServiceCollection AddVideoProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<LocalFfmpegVideoProvider>();
        services.TryAddSingleton<IVideoProvider>(provider => provider.GetRequiredService<LocalFfmpegVideoProvider>());
        return services;
    }
}
