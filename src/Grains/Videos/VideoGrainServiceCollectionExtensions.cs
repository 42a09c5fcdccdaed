using AiStudio.Net;
using AiStudio.Providers;
using AiStudio.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiStudio.Videos;

/// <summary>Registers what video projects, their clips, the provider slots and webhook deliveries need on a silo.</summary>
public static class VideoGrainServiceCollectionExtensions
{
    /// <summary>
    /// Options: <c>Videos</c> (<see cref="VideoGenerationOptions"/>; the provider slots come from <c>AddProviderSlots</c>),
    /// <c>Webhooks</c> (<see cref="WebhookOptions"/>),
    /// <c>Api:PublicBaseUrl</c> and <c>Storage:SigningKey</c> (<see cref="VideoWebhookOptions"/>), <c>Fetch</c> (the hosts
    /// webhooks may reach although private, <see cref="SafeFetchOptions"/>). The video provider and its prices come from
    /// <c>AddVideoProviders</c>, the <c>VideoCompiler</c> from <c>AddMedia</c>.
    /// </summary>
    public static IServiceCollection AddVideoGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VideoGenerationOptions>()
            .Bind(configuration.GetSection("Videos"))
            .Validate(options => options.MaxClipsInFlightPerProject >= 1, "Videos:MaxClipsInFlightPerProject must be at least 1.")
            .Validate(
                options => new[]
                {
                    options.ClipTimeout, options.CompileTimeout, options.ResumeCheckInterval, options.StaleRunAfter,
                    options.ProviderPollInterval, options.CompileHeartbeatInterval,
                }.All(interval => interval > TimeSpan.Zero),
                "Videos time-outs and intervals must be positive.")
            .Validate(
                options => options.StaleRunAfter > options.CompileHeartbeatInterval && options.StaleRunAfter > options.ProviderPollInterval,
                "Videos:StaleRunAfter must exceed the intervals at which runs report (CompileHeartbeatInterval, ProviderPollInterval).")
            .ValidateOnStart();
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection("Webhooks"))
            .Validate(
                options => options.InitialRetryDelay > TimeSpan.Zero && options.MaxRetryDelay >= options.InitialRetryDelay
                    && options.RequestTimeout > TimeSpan.Zero && options.ResumeCheckInterval > TimeSpan.Zero,
                "Webhooks delays and time-outs must be positive, MaxRetryDelay at least InitialRetryDelay.")
            .Validate(options => options.GiveUpAfter >= TimeSpan.FromHours(1), "Webhooks:GiveUpAfter must be at least an hour (API.md).")
            .ValidateOnStart();
        services.AddOptions<SafeFetchOptions>().Bind(configuration.GetSection(SafeFetchOptions.SectionName));
        services.AddOptions<VideoWebhookOptions>()
            .Bind(configuration.GetSection("Webhooks"))
            .Configure(webhookOptions =>
            {
                webhookOptions.PublicBaseUrl = configuration["Api:PublicBaseUrl"] ?? webhookOptions.PublicBaseUrl;
                webhookOptions.SigningKey = configuration["Storage:SigningKey"];
            })
            .Validate(
                options => Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Api:PublicBaseUrl must be an absolute http or https URL.")
            .ValidateOnStart();

        services.TryAddSingleton<ProviderPollWakeups>();
        services.TryAddSingleton<IVideoClipRunner, VideoClipRunner>();
        services.TryAddSingleton<IVideoCompileRunner, VideoCompileRunner>();
        services.TryAddSingleton<VideoWebhooks>();
        services.TryAddSingleton<IWebhookSender, WebhookSender>();
        return services;
    }
}
