using AiStudio.Media;
using AiStudio.Media.Video;
using AiStudio.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AiStudio.Videos.Providers.Kling;

public static class KlingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KlingVideoProvider"/> as the <see cref="IVideoProvider"/>, with <see cref="KlingOptions"/>
    /// validated at start. Both API clients connect through the SSRF guard (<c>Fetch:AllowedHosts</c> opens a private
    /// host such as a test double). Queries are retried on 429, 5xx, connection failures and time-outs; a create only
    /// when it could not connect, since anything later may have reached Kling (the provider then looks the job up).
    /// </summary>
    public static IServiceCollection AddKlingVideoProvider(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KlingOptions>()
            .Bind(configuration.GetSection(KlingOptions.SectionName))
            .Configure(options => options.CallbackBaseUrl ??= Uri.TryCreate(configuration["Api:PublicBaseUrl"], UriKind.Absolute, out var url) ? url : null)
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.AccessKey) && !string.IsNullOrWhiteSpace(options.SecretKey),
                "Providers:Videos is 'kling', which needs Kling:AccessKey and Kling:SecretKey.")
            .Validate(
                options => Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Kling:BaseUrl must be an absolute http or https URL.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.ModelName), "Kling:ModelName must name a model, e.g. kling-v2-1.")
            .Validate(options => options.Mode is "std" or "pro", "Kling:Mode must be std or pro.")
            .Validate(
                options => options.TokenLifetime > options.TokenRefreshMargin && options.TokenRefreshMargin >= TimeSpan.Zero
                    && new[] { options.RequestTimeout, options.RetryDelay, options.SubmitRetryDelay, options.DownloadTimeout }.All(span => span > TimeSpan.Zero)
                    && options.MaxSubmitRetryDelay >= options.SubmitRetryDelay && options.MaxRetries >= 0 && options.MaxResultBytes > 0,
                "Kling time-outs, delays and sizes must be positive, Kling:TokenLifetime longer than Kling:TokenRefreshMargin.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KlingTokenSource>();
        AddClient(services, KlingApiClient.QueryClient, onlyWhen: null);
        AddClient(services, KlingApiClient.CreateClient, onlyWhen: arguments => ValueTask.FromResult(
            arguments.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }));
        services.TryAddSingleton(provider => new KlingApiClient(provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<KlingTokenSource>()));
        services.TryAddSingleton(provider => new KlingVideoProvider(
            provider.GetRequiredService<KlingApiClient>(),
            provider.GetRequiredService<VideoStills>(),
            provider.GetRequiredService<IOptions<KlingOptions>>(),
            provider.GetRequiredService<IOptions<VideoMediaOptions>>(),
            provider.GetRequiredService<IOptions<SafeFetchOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<KlingVideoProvider>>()));
        services.TryAddSingleton<IVideoProvider>(provider => provider.GetRequiredService<KlingVideoProvider>());
        return services;
    }

    /// <summary>A named client to Kling with its retries; <paramref name="onlyWhen"/> narrows them from the transient HTTP failures.</summary>
    private static void AddClient(
        IServiceCollection services, string name, Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>>? onlyWhen) =>
        services.AddHttpClient(name, ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(GuardedHandler)
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<KlingOptions>>().Value;
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                };
                if (onlyWhen is not null)
                {
                    retry.ShouldHandle = onlyWhen;
                }

                pipeline.AddRetry(retry).AddTimeout(options.RequestTimeout);
            });

    private static void ConfigureClient(IServiceProvider provider, HttpClient client)
    {
        var options = provider.GetRequiredService<IOptions<KlingOptions>>().Value;
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

        // The resilience pipeline bounds each attempt; the client's own limit would cut its retries short.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static SocketsHttpHandler GuardedHandler(IServiceProvider provider) =>
        GuardedHttpHandler.Create(provider.GetRequiredService<IOptions<SafeFetchOptions>>().Value);
}
