using AiStudio.Media.Images;
using AiStudio.Media.Video;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers FFmpeg as a tool, all singletons: the one runner and its slots (<c>Media:FfmpegPath</c>,
    /// <c>Media:FfprobePath</c>, <c>Media:FfmpegTimeout</c>, <c>Media:MaxConcurrentJobs</c>), the mask preparer, the video
    /// renderer, the stills taken for image-to-video models, the ambient bed and the video compiler (<c>Media:RenderTimeLimit</c>, <c>Media:CompileTimeLimit</c>,
    /// <c>Storage:Root</c>). Options are validated at start. Providers are registered by their features.
    /// </summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FfmpegOptions>()
            .Bind(configuration.GetSection(FfmpegOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.FfmpegPath) && !string.IsNullOrWhiteSpace(o.FfprobePath), "Media:FfmpegPath and Media:FfprobePath must name executables.")
            .Validate(o => o.FfmpegTimeout > TimeSpan.Zero, "Media:FfmpegTimeout must be positive.")
            .Validate(o => o.MaxConcurrentJobs >= 1, "Media:MaxConcurrentJobs must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<VideoMediaOptions>()
            .Bind(configuration.GetSection(VideoMediaOptions.SectionName))
            .Configure(options => options.StorageRoot = configuration["Storage:Root"] ?? options.StorageRoot)
            .Validate(
                options => options.RenderTimeLimit > TimeSpan.Zero && options.CompileTimeLimit > TimeSpan.Zero,
                "Media time limits must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<MaskPreparer>();
        services.TryAddSingleton<VideoRenderer>();
        services.TryAddSingleton<VideoStills>();
        services.TryAddSingleton<IAmbientAudioProvider, LocalFfmpegAmbientAudioProvider>();
        services.TryAddSingleton<IVideoCompiler, VideoCompiler>();
        return services;
    }
}
