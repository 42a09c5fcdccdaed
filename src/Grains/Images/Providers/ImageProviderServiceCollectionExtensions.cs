using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Images.Providers;

public static class ImageProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local FFmpeg image provider as the <see cref="IImageProvider"/> (<c>Storage:Root</c>,
    /// <c>Media:MaxConcurrentJobs</c>, <c>Media:JobLeaseTimeout</c>); it needs the media tools of <c>AddMedia</c>.
    /// </summary>
    public static IServiceCollection AddImageProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalFfmpegImageProviderOptions>()
            .Configure(o =>
            {
                o.StorageRoot = configuration["Storage:Root"] ?? o.StorageRoot;
                o.MaxConcurrentJobs = configuration.GetValue("Media:MaxConcurrentJobs", o.MaxConcurrentJobs);
                o.JobLeaseTimeout = configuration.GetValue("Media:JobLeaseTimeout", o.JobLeaseTimeout);
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.StorageRoot), "Storage:Root must name a directory.")
            .Validate(o => o.MaxConcurrentJobs >= 1, "Media:MaxConcurrentJobs must be at least 1.")
            .Validate(o => o.JobLeaseTimeout >= TimeSpan.FromSeconds(3), "Media:JobLeaseTimeout must be at least 3 seconds.")
            .ValidateOnStart();
        services.TryAddSingleton<LocalFfmpegImageProvider>();
        services.TryAddSingleton<IImageProvider>(sp => sp.GetRequiredService<LocalFfmpegImageProvider>());
        return services;
    }
}
