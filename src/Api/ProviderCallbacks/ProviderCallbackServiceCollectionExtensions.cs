namespace AiStudio.ProviderCallbacks;

public static class ProviderCallbackServiceCollectionExtensions
{
    /// <summary>What the callback routes use: fal's JWKS settings (<c>Fal:JwksUrl</c>), the key cache, the verifier and the hint relay.</summary>
    public static IServiceCollection AddProviderCallbacks(this IServiceCollection services)
    {
        services.AddOptions<FalWebhookOptions>()
            .BindConfiguration(FalWebhookOptions.SectionName)
            .Validate(options => options.JwksUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }, "Fal:JwksUrl must be an absolute http(s) URL.")
            .Validate(options => options.MaxClockSkew > TimeSpan.Zero && options.JwksLifetime > TimeSpan.Zero && options.JwksRefreshInterval >= TimeSpan.Zero,
                "Fal:MaxClockSkew and Fal:JwksLifetime must be positive, Fal:JwksRefreshInterval not negative.")
            .ValidateOnStart();
        services.AddSingleton<FalWebhookKeys>();
        services.AddSingleton<FalWebhookVerifier>();
        services.AddSingleton<ProviderJobHints>();
        return services;
    }
}
