using AiStudio.Limits;
using AiStudio.Net;
using AiStudio.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Videos;

/// <summary>Registers what video projects, their clips, the provider slots and webhook deliveries need on a silo.</summary>
public static class VideoGrainServiceCollectionExtensions
{
    /// <summary>
    /// Options: <c>Videos</c> (<see cref="VideoGenerationOptions"/>, <see cref="ProviderSlotsOptions"/>),
    /// <c>Pricing</c> (<see cref="VideoPricingOptions"/>), <c>Webhooks</c> (<see cref="WebhookOptions"/>),
    /// <c>Api:PublicBaseUrl</c> and <c>Storage:SigningKey</c> (<see cref="VideoWebhookOptions"/>), <c>Fetch</c> (the hosts
    /// webhooks may reach although private, <see cref="SafeFetchOptions"/>). The video provider
    /// and <c>VideoCompiler</c> come from <c>AddVideoMedia</c>.
    /// </summary>
    public static IServiceCollection AddVideoGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VideoGenerationOptions>().Bind(configuration.GetSection("Videos"));
        services.AddOptions<ProviderSlotsOptions>().Bind(configuration.GetSection("Videos"));
        services.AddOptions<VideoPricingOptions>().Bind(configuration.GetSection("Pricing"));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks"));
        services.AddOptions<SafeFetchOptions>().Bind(configuration.GetSection(SafeFetchOptions.SectionName));
        services.AddOptions<VideoWebhookOptions>()
            .Bind(configuration.GetSection("Webhooks"))
            .Configure(webhookOptions =>
            {
                webhookOptions.PublicBaseUrl = configuration["Api:PublicBaseUrl"] ?? webhookOptions.PublicBaseUrl;
                webhookOptions.SigningKey = configuration["Storage:SigningKey"];
            });

        services.TryAddSingleton<IVideoClipRunner, VideoClipRunner>();
        services.TryAddSingleton<IVideoCompileRunner, VideoCompileRunner>();
        services.TryAddSingleton<VideoWebhooks>();
        services.TryAddSingleton<IWebhookSender, WebhookSender>();
        return services;
    }
}
