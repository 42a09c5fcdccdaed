using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

public static class VideoMediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local FFmpeg video provider (as itself and as <see cref="IVideoProvider"/>), the video compiler,
    /// the local ambient audio provider and <see cref="VideoMediaOptions"/> (from <c>Media</c> and <c>Storage:Root</c>).
    /// Provider and compiler share the silo's <c>Media:MaxConcurrentJobs</c> FFmpeg slots.
    /// </summary>
    public static IServiceCollection AddVideoMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VideoMediaOptions>()
            .Bind(configuration.GetSection(VideoMediaOptions.SectionName))
            .Configure(options => options.StorageRoot = configuration["Storage:Root"] ?? options.StorageRoot)
            .Validate(options => options.MaxConcurrentJobs >= 1, "Media:MaxConcurrentJobs must be at least 1.")
            .Validate(
                options => options.RenderTimeLimit > TimeSpan.Zero && options.CompileTimeLimit > TimeSpan.Zero,
                "Media time limits must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(provider => new VideoJobSlots(provider.GetRequiredService<IOptions<VideoMediaOptions>>().Value.MaxConcurrentJobs));
        services.TryAddSingleton<IAmbientAudioProvider, LocalFfmpegAmbientAudioProvider>();
        services.TryAddSingleton(provider => new LocalFfmpegVideoProvider(
            provider.GetRequiredService<IOptions<VideoMediaOptions>>(),
            provider.GetRequiredService<VideoJobSlots>(),
            provider.GetRequiredService<ILogger<LocalFfmpegVideoProvider>>()));
        services.TryAddSingleton<IVideoProvider>(provider => provider.GetRequiredService<LocalFfmpegVideoProvider>());
        services.TryAddSingleton<IVideoCompiler>(provider => new VideoCompiler(
            provider.GetRequiredService<IOptions<VideoMediaOptions>>(),
            provider.GetRequiredService<IAmbientAudioProvider>(),
            provider.GetRequiredService<VideoJobSlots>(),
            provider.GetRequiredService<ILogger<VideoCompiler>>()));
        return services;
    }
}
