using AiStudio.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace AiStudio.Tests.Infrastructure;

/// <summary>Configures a test silo as production does, then applies the owning fixture's additions.</summary>
public sealed class AiStudioSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // The test cluster assigns each silo its ports under Orleans:Endpoints; hand them over under our own keys.
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(siloBuilder.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Silo:Port"] = siloBuilder.Configuration["Orleans:Endpoints:SiloPort"],
                ["Silo:GatewayPort"] = siloBuilder.Configuration["Orleans:Endpoints:GatewayPort"],
            })
            .Build();

        siloBuilder.UseAiStudioCluster(configuration);
        siloBuilder.Services.AddAiStudioGrainServices(configuration);
        AiStudioClusterFixture.For(configuration).ConfigureSiloServices(siloBuilder.Services, configuration);
    }
}
