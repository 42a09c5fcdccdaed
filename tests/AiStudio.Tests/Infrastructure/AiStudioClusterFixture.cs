using System.Collections.Concurrent;
using System.Security.Cryptography;
using AiStudio.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster wired exactly like production (<c>UseAiStudioCluster</c> and
/// <c>AddAiStudioGrainServices</c>, see <see cref="AiStudioSiloConfigurator"/>) on a fresh PostgreSQL database and a
/// temporary <c>Storage:Root</c>; its client finds the silos through AdoNet clustering and has the progress streams.
/// Use it as a class or collection fixture; derive from it to add settings, services or silos.
/// </summary>
public class AiStudioClusterFixture : IAsyncLifetime
{
    /// <summary>Configuration key under which the silos and the client find the fixture that started them.</summary>
    internal const string FixtureIdKey = "AiStudioTests:FixtureId";

    private static readonly ConcurrentDictionary<string, AiStudioClusterFixture> Running = new();
    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly TemporaryDirectory _storage = new();
    private TestCluster? _cluster;
    private TestDatabase? _database;
    private IConfiguration? _configuration;

    public TestCluster Cluster => _cluster ?? throw NotStarted();

    public IClusterClient Client => Cluster.Client;

    public TestDatabase Database => _database ?? throw NotStarted();

    /// <summary>The settings every silo and the client were given (after <see cref="AddSettings"/>).</summary>
    public IConfiguration Configuration => _configuration ?? throw NotStarted();

    /// <summary>The media directory (<c>Storage:Root</c>), deleted when the fixture is disposed.</summary>
    public string StorageRoot => _storage.Path;

    /// <summary>The silos' blob store, for putting inputs in place and reading results back.</summary>
    public IBlobStore Blobs => new FileSystemBlobStore(StorageRoot);

    /// <summary>How many silos start with the cluster.</summary>
    protected virtual short InitialSilosCount => 1;

    /// <summary>Adds or overrides configuration values (keys as in appsettings, e.g. <c>Media:MaxConcurrentJobs</c>).</summary>
    protected virtual void AddSettings(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Adds or replaces services on every silo, after the production registrations (e.g. a scripted provider).</summary>
    protected internal virtual void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>Adds or replaces services on the cluster client.</summary>
    protected internal virtual void ConfigureClientServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>Changes the test cluster's own options (e.g. real sockets for a client in another process).</summary>
    protected virtual void ConfigureTestCluster(TestClusterBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();

        var builder = new TestClusterBuilder(InitialSilosCount);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<AiStudioSiloConfigurator>();
        builder.AddClientBuilderConfigurator<AiStudioClientConfigurator>();
        ConfigureTestCluster(builder);

        var settings = new Dictionary<string, string?>
        {
            [FixtureIdKey] = _id,
            ["ConnectionStrings:AiStudio"] = _database.ConnectionString,
            ["Storage:Root"] = StorageRoot,
            ["Storage:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Cluster:ClusterId"] = builder.Options.ClusterId,
            ["Cluster:ServiceId"] = builder.Options.ServiceId,
            ["Cluster:FastFailureDetection"] = "true",
        };
        AddSettings(settings);
        foreach (var (key, value) in settings)
        {
            builder.Properties[key] = value;
        }

        _configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Running[_id] = this;
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        Running.TryRemove(_id, out _);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _storage.Dispose();
    }

    /// <summary>The fixture whose cluster a silo or client host with this configuration belongs to.</summary>
    internal static AiStudioClusterFixture For(IConfiguration configuration)
    {
        var id = configuration[FixtureIdKey];
        return id is not null && Running.TryGetValue(id, out var fixture)
            ? fixture
            : throw new InvalidOperationException("This host was not started by a running AiStudioClusterFixture.");
    }

    private static InvalidOperationException NotStarted() =>
        new("The cluster fixture has not been initialised; xunit calls InitializeAsync before the tests run.");
}
