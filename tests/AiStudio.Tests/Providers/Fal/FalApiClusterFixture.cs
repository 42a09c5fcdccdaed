using AiStudio.Tests.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>
/// The API cluster of <see cref="ApiClusterFixture"/> with <c>Providers:Images=fal</c> and <c>Providers:Videos=fal</c>,
/// the real fal clients pointed at a <see cref="FalQueueTestDouble"/> whose video models return a one-second clip.
/// <c>Api:PublicBaseUrl</c> names the API, so every submit asks for a webhook to <c>/v1/provider-callbacks/fal</c>,
/// verified against the double's JWKS.
/// </summary>
public sealed class FalApiClusterFixture : ApiClusterFixture
{
    /// <summary>How long the clip every video job returns lasts.</summary>
    public const int SampleClipSeconds = 1;

    private FalQueueTestDouble? _fal;

    public FalQueueTestDouble Fal => _fal ?? throw new InvalidOperationException("The fixture has not started.");

    public override async Task InitializeAsync()
    {
        _fal = await FalQueueTestDouble.StartAsync();
        _fal.VideoOutput = await SampleClip.RenderAsync("320x320", SampleClipSeconds);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await (_fal?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        foreach (var (key, value) in FalProviderServices.Settings(Fal))
        {
            settings[key] = value;
        }

        settings["Api:PublicBaseUrl"] = ApiAddress.AbsoluteUri;
        settings["Images:ProviderPollInterval"] = "00:00:00.100";
        settings["Videos:ProviderPollInterval"] = "00:00:00.100";
    }

    protected override void AddApiSettings(IDictionary<string, string> environment) => environment["Fal__JwksUrl"] = Fal.JwksUrl;

    // The real providers make the images, not the scripted runner of the base fixture.
    protected internal override void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
