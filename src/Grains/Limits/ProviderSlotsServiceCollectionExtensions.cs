using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Limits;

public static class ProviderSlotsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ProviderSlotsOptions"/>, the cluster-wide limits that images and clips share per provider:
    /// <c>Providers:Concurrency:&lt;providerName&gt;</c>, and <c>Videos:ProviderConcurrency</c>, <c>Videos:ProviderLeaseDuration</c>.
    /// </summary>
    public static IServiceCollection AddProviderSlots(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProviderSlotsOptions>()
            .Bind(configuration.GetSection("Videos"))
            .Configure(options => configuration.GetSection(ProviderSlotsOptions.ConcurrencySection).Bind(options.Concurrency))
            .Validate(
                options => options.Concurrency.Values.All(limit => limit >= 1) && options.ProviderConcurrency is null or >= 1,
                "Providers:Concurrency entries and Videos:ProviderConcurrency must be at least 1.")
            .Validate(options => options.ProviderLeaseDuration > TimeSpan.Zero, "Videos:ProviderLeaseDuration must be positive.")
            .ValidateOnStart();
        return services;
    }
}
