using AiStudio.Images.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Media.Images;

public static class ImageMediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the FFmpeg runner (<c>Media:FfmpegPath</c>, <c>Media:FfprobePath</c>, <c>Media:FfmpegTimeout</c>), the mask
    /// preparer, and the local FFmpeg image provider as the <see cref="IImageProvider"/> (<c>Storage:Root</c>,
    /// <c>Media:MaxConcurrentJobs</c>, <c>Media:JobLeaseTimeout</c>), all singletons; options are validated at start.
    /// </summary>
    public static IServiceCollection AddImageMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FfmpegOptions>()
            .Bind(configuration.GetSection(FfmpegOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.FfmpegPath) && !string.IsNullOrWhiteSpace(o.FfprobePath), "Media:FfmpegPath and Media:FfprobePath must name executables.")
            .Validate(o => o.FfmpegTimeout > TimeSpan.Zero, "Media:FfmpegTimeout must be positive.")
            .ValidateOnStart();
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

        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<MaskPreparer>();
        services.TryAddSingleton<LocalFfmpegImageProvider>();
        services.TryAddSingleton<IImageProvider>(sp => sp.GetRequiredService<LocalFfmpegImageProvider>());
        return services;
    }
}
