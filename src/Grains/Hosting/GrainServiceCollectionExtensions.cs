using AiStudio.Images;
using AiStudio.Images.Providers;
using AiStudio.Limits;
using AiStudio.Media;
using AiStudio.Progress;
using AiStudio.Providers;
using AiStudio.Storage;
using AiStudio.Videos;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AiStudio.Hosting;

/// <summary>Registers everything the grains need on a silo: storage, the progress log, media tools, providers and runners.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddAiStudioGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("AiStudio")
            ?? throw new InvalidOperationException("ConnectionStrings:AiStudio is required.");
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IBlobStore>(_ => new FileSystemBlobStore(configuration["Storage:Root"] ?? Path.Combine(".data", "media")));

        services.AddOptions<ProgressLogOptions>().Bind(configuration.GetSection("Progress"));
        services.AddSingleton<IProgressEventLog, PostgresProgressEventLog>();

        services.AddMedia(configuration);
        services.AddProviderSlots(configuration);

        services.AddOptions<ImageProcessingOptions>().Bind(configuration.GetSection("Images"));
        services.AddImageProviders(configuration);
        services.TryAddSingleton<ProviderPollWakeups>();
        services.AddSingleton<IImageProcessingRunner, ImageProcessingRunner>();

        services.AddVideoProviders(configuration);
        services.AddVideoGrainServices(configuration);
        return services;
    }
}
