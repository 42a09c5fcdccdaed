using AiStudio.Idempotency;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace AiStudio.Browsers;

/// <summary>
/// Cross-origin access for the pages of <see cref="CorsSettings.AllowedOrigins"/>: any method, the headers a client
/// sends (<c>Authorization</c>, <c>Last-Event-ID</c>, <c>Idempotency-Key</c>, <c>Content-Type</c>), answers that expose
/// <c>Location</c> and <c>Idempotent-Replayed</c>, and preflights
/// cached for ten minutes. API keys travel in a header, never in cookies, so credentials are not allowed.
/// </summary>
public static class BrowserCors
{
    private const string PolicyName = "browsers";

    private static readonly string[] RequestHeaders = ["Authorization", "Content-Type", "Last-Event-ID", IdempotencyMiddleware.HeaderName];
    private static readonly string[] ExposedHeaders = ["Location", IdempotencyMiddleware.ReplayedHeaderName];

    public static IServiceCollection AddBrowserCors(this IServiceCollection services)
    {
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName)
            .Validate(
                settings => settings.AllowedOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && !origin.EndsWith('/')),
                "Cors:AllowedOrigins entries must be origins such as https://studio.example.com (scheme, host and port; no path or trailing slash).")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>()
            .Configure<IOptions<CorsSettings>>((cors, settings) => cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins(settings.Value.AllowedOrigins)
                .AllowAnyMethod()
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    public static IApplicationBuilder UseBrowserCors(this IApplicationBuilder app) => app.UseCors(PolicyName);
}
