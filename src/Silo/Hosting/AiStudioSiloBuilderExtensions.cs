using AiStudio.Progress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiStudio.Hosting;

/// <summary>Wires a silo to the AI Studio cluster: PostgreSQL membership, grain state and reminders, and progress streams.</summary>
public static class AiStudioSiloBuilderExtensions
{
    /// <summary>The invariant name the Orleans AdoNet providers use for PostgreSQL.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>Grain storage for the application's grains (<c>[PersistentState("…", "store")]</c>).</summary>
    public const string GrainStorageName = "store";

    // The pulling agent's 100 ms default is visible as SSE latency; 20 ms keeps it imperceptible.
    private static readonly TimeSpan ProgressPollingPeriod = TimeSpan.FromMilliseconds(20);

    // Each queue is polled on that period, so keep the count modest on small machines.
    private const int ProgressQueueCount = 4;

    /// <summary>
    /// Configures the silo from <c>ConnectionStrings:AiStudio</c>, <c>Cluster:ClusterId|ServiceId|FastFailureDetection</c>,
    /// <c>Silo:Port|GatewayPort|AdvertisedIP</c> and <c>Reminders:MinimumPeriod</c> (tests and drills only). The database schema must already be applied (see <c>SchemaMigrator</c>).
    /// </summary>
    public static ISiloBuilder UseAiStudioCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var settings = ClusterSettings.FromConfiguration(configuration);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, settings.ListenOnAnyAddress);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = settings.ConnectionString;
        });
        if (settings.FastFailureDetection)
        {
            silo.Configure<ClusterMembershipOptions>(DetectFailuresWithinSeconds);
        }

        // A failed storage call carries Npgsql's exception as its inner one; without this the answer cannot be serialized,
        // so the caller (another silo, the API) gets a codec failure instead of the storage error it can act on.
        silo.Services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));

        AddGrainStorage(silo, GrainStorageName, settings.ConnectionString);
        AddGrainStorage(silo, ProgressStreams.PubSubStoreName, settings.ConnectionString);
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = settings.ConnectionString;
        });
        if (settings.MinimumReminderPeriod is { } minimumReminderPeriod)
        {
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = minimumReminderPeriod);
        }

        silo.AddMemoryStreams(ProgressStreams.ProviderName, streams =>
        {
            streams.ConfigurePartitioning(ProgressQueueCount);
            streams.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = ProgressPollingPeriod));
        });

        return silo;
    }

    // State is written with the Orleans serializer, so state types follow the same [GenerateSerializer]/[Id] rules as messages.
    private static void AddGrainStorage(ISiloBuilder silo, string name, string connectionString) =>
        silo.AddAdoNetGrainStorage(name, optionsBuilder => optionsBuilder.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

    // A killed silo is refused connections at once, so three missed probes of at most 1.5 s each, then two fresh votes,
    // declare it dead in roughly five seconds. Too eager for production networks; meant for tests and drills.
    private static void DetectFailuresWithinSeconds(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(1.5);
        options.NumMissedProbesLimit = 3;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
    }
}
