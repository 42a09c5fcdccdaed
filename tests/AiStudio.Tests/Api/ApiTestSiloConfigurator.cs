using AiStudio.Hosting;
using AiStudio.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AiStudio.Tests.Api;

/// <summary>A test silo wired as production, except that images are processed by the <see cref="ScriptedImageRunner"/>.</summary>
public sealed class ApiTestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // The test cluster assigns each silo its ports under Orleans:Endpoints; production reads them under Silo:*.
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
        siloBuilder.Services.AddSingleton<IImageProcessingRunner, ScriptedImageRunner>();
    }
}
