using AiStudio.Progress;
using Orleans.Configuration;

namespace AiStudio.Hosting;

public static class ClusterClientHostingExtensions
{
    private const int ProgressQueueCount = 4;

    /// <summary>
    /// The Orleans client: AdoNet (PostgreSQL) clustering, the <c>progress</c> memory streams as on the silos, bounded
    /// grain calls, and a connection that is retried in the background so HTTP serves (and answers 503) while no silo is up.
    /// </summary>
    public static WebApplicationBuilder AddAiStudioClusterClient(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("AiStudio");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:AiStudio is required.");
        }

        var cluster = builder.Configuration.GetSection(ClusterConnectionOptions.SectionName).Get<ClusterConnectionOptions>() ?? new();
        builder.Services.AddOptions<ClusterConnectionOptions>()
            .BindConfiguration(ClusterConnectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Start Kestrel alongside the client instead of after it: the client may wait a long time for a silo.
        builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = cluster.GrainCallTimeout);
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            // Partitioned as on the silos, so both map a stream to the same queue.
            client.AddMemoryStreams(ProgressStreams.ProviderName, streams => streams.ConfigurePartitioning(ProgressQueueCount));
        });
        return builder;
    }
}
