using AiStudio.Net;
using Microsoft.Extensions.Options;

namespace AiStudio.Fetching;

public static class FetchingServiceCollectionExtensions
{
    /// <summary>One shared <see cref="SafeHttpFetcher"/> configured from the <c>Fetch</c> section (e.g. <c>Fetch:AllowedHosts:0</c>).</summary>
    public static IServiceCollection AddSafeFetcher(this IServiceCollection services)
    {
        services.AddOptions<SafeFetchOptions>()
            .BindConfiguration(SafeFetchOptions.SectionName)
            .Validate(options => options.MaxRedirects is >= 0 and <= 20, "Fetch:MaxRedirects must be 0-20.")
            .Validate(options => options.MaxResponseBytes > 0, "Fetch:MaxResponseBytes must be positive.")
            .Validate(options => options.Timeout > TimeSpan.Zero && options.ConnectTimeout > TimeSpan.Zero, "Fetch timeouts must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => new SafeHttpFetcher(provider.GetRequiredService<IOptions<SafeFetchOptions>>().Value));
        return services;
    }
}
