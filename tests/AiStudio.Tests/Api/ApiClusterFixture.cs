using System.Security.Cryptography;
using AiStudio.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.TestingHost;

namespace AiStudio.Tests.Api;

/// <summary>
/// A real cluster on a fresh PostgreSQL database (images processed by the <see cref="ScriptedImageRunner"/>) and the API
/// as its own process in front of it, over TCP as in production: two workspaces, small upload limits, and a loopback
/// server the API may fetch image URLs from.
/// </summary>
public sealed class ApiClusterFixture : IAsyncLifetime
{
    public const string ApiKey = "api-tests-key-workspace-one";
    public const string WorkspaceId = "ws_one";
    public const string OtherApiKey = "api-tests-key-workspace-two";
    public const string OtherWorkspaceId = "ws_two";
    public const int MaxUploadBytes = 256 * 1024;
    public const int MaxPixels = 1_000_000;

    public static readonly byte[] RemoteImage = TestImages.Png(40, 30);

    /// <summary>Holds <c>/slow.png</c> answers back until a test opens it.</summary>
    public TaskCompletionSource SlowImageGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestDatabase? _database;
    private TestCluster? _cluster;

    public string StorageRoot { get; } = Directory.CreateTempSubdirectory("aistudio-api-media-").FullName;

    public ApiProcess Api { get; private set; } = null!;

    public LoopbackHttpServer ImageHost { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public HttpClient OtherHttp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<ApiTestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ApiTestClientConfigurator>();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:AiStudio"] = _database.ConnectionString,
            ["Storage:Root"] = StorageRoot,
            ["Storage:SigningKey"] = signingKey,
            ["Cluster:ClusterId"] = builder.Options.ClusterId,
            ["Cluster:ServiceId"] = builder.Options.ServiceId,
        };
        foreach (var (key, value) in settings)
        {
            builder.Properties[key] = value;
        }

        _cluster = builder.Build();
        await _cluster.DeployAsync();

        ImageHost = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/image.png", () => Results.Bytes(RemoteImage, "image/png"));
            app.MapGet("/text.png", () => Results.Text("not an image"));
            app.MapGet("/slow.png", async () =>
            {
                await SlowImageGate.Task;
                return Results.Bytes(RemoteImage, "image/png");
            });
        });
        Api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__AiStudio"] = _database.ConnectionString,
            ["Cluster__ClusterId"] = builder.Options.ClusterId,
            ["Cluster__ServiceId"] = builder.Options.ServiceId,
            ["Storage__Root"] = StorageRoot,
            ["Storage__SigningKey"] = signingKey,
            ["Auth__Keys__0__Key"] = ApiKey,
            ["Auth__Keys__0__WorkspaceId"] = WorkspaceId,
            ["Auth__Keys__0__UserId"] = "user_one",
            ["Auth__Keys__1__Key"] = OtherApiKey,
            ["Auth__Keys__1__WorkspaceId"] = OtherWorkspaceId,
            ["Auth__Keys__1__UserId"] = "user_two",
            ["Fetch__AllowedHosts__0"] = "127.0.0.1",
            ["Images__MaxUploadBytes"] = MaxUploadBytes.ToString(),
            ["Images__MaxPixels"] = MaxPixels.ToString(),
            ["Progress__HeartbeatInterval"] = "00:00:02",
        });
        Http = Api.CreateClient(ApiKey);
        OtherHttp = Api.CreateClient(OtherApiKey);
        try
        {
            await WaitUntil.ConditionAsync(
                async () => (await Http.GetAsync("/health/ready")).IsSuccessStatusCode, "the API reaches the cluster", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nAPI output:\n{Api.Output}", e);
        }
    }

    public async Task DisposeAsync()
    {
        SlowImageGate.TrySetResult();
        Http?.Dispose();
        OtherHttp?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        if (ImageHost is not null)
        {
            await ImageHost.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(StorageRoot, recursive: true);
    }
}
