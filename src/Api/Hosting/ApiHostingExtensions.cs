using AiStudio.Auth;
using AiStudio.Browsers;
using AiStudio.Fetching;
using AiStudio.Files;
using AiStudio.Health;
using AiStudio.Idempotency;
using AiStudio.Images;
using AiStudio.Problems;
using AiStudio.Progress;
using AiStudio.ProviderCallbacks;
using AiStudio.Storage;
using AiStudio.Videos;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiStudio.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>Options (bound and validated at start-up), API-key auth, problem details, storage, fetching and health checks.</summary>
    public static WebApplicationBuilder AddAiStudioApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiKeysOptions>().BindConfiguration(ApiKeysOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeysOptions>, ApiKeysOptionsValidator>();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImagesOptions>().BindConfiguration(ImagesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProgressStreamOptions>().BindConfiguration(ProgressStreamOptions.SectionName)
            .Validate(options => options.HeartbeatInterval > TimeSpan.Zero && options.CatchUpTimeout > TimeSpan.Zero, "Progress intervals must be positive.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddOpenApi();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new FileLinkSigner(storage.SigningKey, storage.LinkLifetime, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IBlobStore>(provider => new FileSystemBlobStore(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Root));
        services.AddSingleton<ImageIntake>();
        services.AddSingleton<VideoProjectIntake>();
        services.AddSingleton<ProgressEventStream>();
        services.AddSafeFetcher();
        services.AddProviderCallbacks();
        services.AddBrowserCors();
        services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);

        // Bodies are bounded per endpoint; these outer bounds let the largest legitimate one (an upload, a base64 mask) through.
        var images = builder.Configuration.GetSection(ImagesOptions.SectionName).Get<ImagesOptions>() ?? new ImagesOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = images.MaxJsonBodyBytes + 1024 * 1024);
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = images.MaxUploadBytes + 1024 * 1024);
        return builder;
    }

    /// <summary>Problems for every error (exceptions and empty error statuses), optional forwarded headers, CORS, auth, idempotency.</summary>
    public static WebApplication UseAiStudioPipeline(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseBrowserCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
