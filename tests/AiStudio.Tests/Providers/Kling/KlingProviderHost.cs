using AiStudio.Media;
using AiStudio.Net;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Providers.Kling;

/// <summary>
/// The services a silo registers for <c>Providers:Videos=kling</c> (media tools, fetch policy, video providers), pointed
/// at a <see cref="KlingTestDouble"/> with short retry delays; <see cref="Provider"/> is the provider they resolve.
/// </summary>
public sealed class KlingProviderHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private KlingProviderHost(ServiceProvider services) => _services = services;

    public IVideoProvider Provider => _services.GetRequiredService<IVideoProvider>();

    /// <summary>The Kling settings a test double needs, on the media root <paramref name="storageRoot"/>.</summary>
    public static Dictionary<string, string?> Settings(string storageRoot, KlingTestDouble kling) => new()
    {
        ["Providers:Videos"] = "kling",
        ["Storage:Root"] = storageRoot,
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
        ["Kling:AccessKey"] = KlingTestDouble.AccessKey,
        ["Kling:SecretKey"] = KlingTestDouble.SecretKey,
        ["Kling:BaseUrl"] = kling.BaseUrl,
        ["Kling:RetryDelay"] = "00:00:00.010",
        ["Kling:SubmitRetryDelay"] = "00:00:00.050",
        ["Kling:MaxSubmitRetryDelay"] = "00:00:00.200",
    };

    /// <param name="change">Adjusts the settings before the services are built.</param>
    /// <param name="clock">The clock tokens are minted by; the system clock when null.</param>
    public static KlingProviderHost Start(string storageRoot, KlingTestDouble kling, Action<Dictionary<string, string?>>? change = null, TimeProvider? clock = null)
    {
        var settings = Settings(storageRoot, kling);
        change?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddOptions<SafeFetchOptions>().Bind(configuration.GetSection(SafeFetchOptions.SectionName));
        services.AddMedia(configuration);
        services.AddVideoProviders(configuration);
        return new KlingProviderHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
