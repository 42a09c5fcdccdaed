using AiStudio.Hosting;
using AiStudio.Progress;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// Configures the test cluster's client like the API's: AdoNet gateway discovery and the progress streams (the test cluster
/// itself sets the cluster id under <c>Orleans:ClusterId</c>).
/// </summary>
public sealed class AiStudioClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = AiStudioSiloBuilderExtensions.AdoNetInvariant;
            options.ConnectionString = configuration.GetConnectionString("AiStudio");
        });
        clientBuilder.AddMemoryStreams(ProgressStreams.ProviderName);
        AiStudioClusterFixture.For(configuration).ConfigureClientServices(clientBuilder.Services, configuration);
    }
}
