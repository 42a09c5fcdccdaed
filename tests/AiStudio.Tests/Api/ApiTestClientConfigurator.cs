using AiStudio.Hosting;
using AiStudio.Progress;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace AiStudio.Tests.Api;

/// <summary>The test cluster's own client finds the silos as the API does, through the membership table.</summary>
public sealed class ApiTestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = AiStudioSiloBuilderExtensions.AdoNetInvariant;
            options.ConnectionString = configuration.GetConnectionString("AiStudio");
        });
        clientBuilder.AddMemoryStreams(ProgressStreams.ProviderName);
    }
}
