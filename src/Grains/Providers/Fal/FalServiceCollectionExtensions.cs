using AiStudio.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AiStudio.Providers.Fal;

public static class FalServiceCollectionExtensions
{
    private const int MaxRetryAttempts = 4;

    /// <summary>
    /// Registers what both fal providers use, once: <see cref="FalOptions"/> validated at start (a missing key stops the
    /// host), and <see cref="FalQueueClient"/> with two HTTP clients that connect through the SSRF guard
    /// (<c>Fetch:AllowedHosts</c>, bound by the host): one for submits, retried only when the job cannot have been queued
    /// since fal has no idempotency key, and one for everything else, retried on time-outs, 429 and 5xx.
    /// </summary>
    internal static IServiceCollection AddFalQueue(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(FalQueueClient)))
        {
            return services;
        }

        services.AddOptions<FalOptions>()
            .Bind(configuration.GetSection(FalOptions.SectionName))
            .Configure(options => options.Key = string.IsNullOrWhiteSpace(options.Key) ? configuration[FalOptions.KeyVariable] : options.Key)
            .Configure(options => options.CallbackBaseUrl ??= Uri.TryCreate(configuration["Api:PublicBaseUrl"], UriKind.Absolute, out var url) ? url : null)
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.Key),
                "A fal provider is selected (Providers:Images or Providers:Videos is 'fal') but no key is set: set Fal:Key or the environment variable FAL_KEY.")
            .Validate(
                options => new[] { options.QueueUrl, options.RestUrl, options.JwksUrl }.All(url => url is { IsAbsoluteUri: true, Scheme: "https" or "http" }),
                "Fal:QueueUrl, Fal:RestUrl and Fal:JwksUrl must be absolute http(s) URLs.")
            .Validate(
                options => new[] { options.Models.Enhance, options.Models.Remove, options.Models.Add, options.Models.ImageToVideo, options.Models.Transition }
                    .All(model => !string.IsNullOrWhiteSpace(model)),
                "Fal:Models:Enhance, Remove, Add, ImageToVideo and Transition must name fal models.")
            .Validate(options => options.RetryDelay >= TimeSpan.Zero && options.AttemptTimeout > TimeSpan.Zero, "Fal:RetryDelay and Fal:AttemptTimeout must not be negative.")
            .ValidateOnStart();

        AddGuardedClient(services, FalQueueClient.SubmitClientName, FalRetryRules.IsSafeSubmitRetry);
        AddGuardedClient(services, FalQueueClient.QueueClientName, FalRetryRules.IsTransient);
        services.AddSingleton<FalQueueClient>();
        return services;
    }

    private static void AddGuardedClient(IServiceCollection services, string name, Func<Outcome<HttpResponseMessage>, bool> shouldRetry) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => GuardedHttpHandler.Create(provider.GetRequiredService<IOptions<SafeFetchOptions>>().Value))
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<FalOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = MaxRetryAttempts,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.RetryDelay,
                        ShouldHandle = arguments => ValueTask.FromResult(shouldRetry(arguments.Outcome)),
                    })
                    .AddTimeout(options.AttemptTimeout);
            });
}
