using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>Per test: a fresh <see cref="FalQueueTestDouble"/>, the fal providers pointed at it, and a temporary directory.</summary>
public abstract class FalProviderTestBase : IAsyncLifetime
{
    protected TemporaryDirectory Directory { get; } = new();

    protected FalQueueTestDouble Fal { get; private set; } = null!;

    protected ServiceProvider Services { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Fal = await FalQueueTestDouble.StartAsync();
        Services = FalProviderServices.Build(Fal);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fal.DisposeAsync();
        Directory.Dispose();
    }
}
