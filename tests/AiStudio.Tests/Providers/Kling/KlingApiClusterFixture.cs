using AiStudio.Tests.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Providers.Kling;

/// <summary>
/// The API cluster of <see cref="ApiClusterFixture"/> with <c>Providers:Videos=kling</c> (images by the local FFmpeg
/// provider), the real Kling client pointed at a <see cref="KlingTestDouble"/> that returns a one-second clip for every
/// task and calls back to the API's <c>/v1/provider-callbacks/kling</c>.
/// </summary>
public sealed class KlingApiClusterFixture : ApiClusterFixture
{
    /// <summary>How long the clip every task returns lasts.</summary>
    public const int SampleClipSeconds = 1;

    private KlingTestDouble? _kling;

    public KlingTestDouble Kling => _kling ?? throw new InvalidOperationException("The fixture has not started.");

    public override async Task InitializeAsync()
    {
        _kling = await KlingTestDouble.StartAsync(await SampleClip.RenderAsync("320x320", SampleClipSeconds));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await (_kling?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        foreach (var (key, value) in KlingProviderHost.Settings(StorageRoot, Kling))
        {
            settings[key] = value;
        }

        settings["Api:PublicBaseUrl"] = ApiAddress.AbsoluteUri;
        settings["Videos:ProviderPollInterval"] = "00:00:00.100";
    }

    // The local FFmpeg provider makes the source images, not the scripted runner of the base fixture.
    protected internal override void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
