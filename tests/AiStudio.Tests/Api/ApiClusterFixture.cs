using AiStudio.Images;
using AiStudio.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AiStudio.Tests.Api;

/// <summary>
/// A real cluster on a fresh PostgreSQL database (images processed by the <see cref="ScriptedImageRunner"/>) and the API
/// as its own process in front of it, over TCP as in production: two workspaces, three more of their own for usage and
/// budget tests (one uncapped, one capped at ten local images, one with no budget left), small upload limits, and a
/// loopback server the API may fetch image URLs from. Derive from it to put other providers behind the same API.
/// </summary>
public class ApiClusterFixture : AiStudioClusterFixture
{
    public const string ApiKey = "api-tests-key-workspace-one";
    public const string WorkspaceId = "ws_one";
    public const string OtherApiKey = "api-tests-key-workspace-two";
    public const string OtherWorkspaceId = "ws_two";
    public const string UsageApiKey = "api-tests-key-workspace-usage";
    public const string UsageWorkspaceId = "ws_usage";
    public const string CappedApiKey = "api-tests-key-workspace-capped";
    public const string CappedWorkspaceId = "ws_capped";
    public const int CappedBudgetCents = 10;
    public const string BrokeApiKey = "api-tests-key-workspace-broke";
    public const string BrokeWorkspaceId = "ws_broke";
    public const int MaxUploadBytes = 256 * 1024;
    public const int MaxPixels = 1_000_000;

    public static readonly byte[] RemoteImage = TestImages.Png(40, 30);

    /// <summary>Holds <c>/slow.png</c> answers back until a test opens it.</summary>
    private ScriptedImageRunner? _imageRunner;

    public TaskCompletionSource SlowImageGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ApiProcess Api { get; private set; } = null!;

    public LoopbackHttpServer ImageHost { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public HttpClient OtherHttp { get; private set; } = null!;

    /// <summary>Where the API will listen, known before it starts so the silos can be told (e.g. as <c>Api:PublicBaseUrl</c>).</summary>
    protected Uri ApiAddress { get; } = new($"http://127.0.0.1:{LoopbackPort.Free()}/");

    /// <summary>Adds or overrides the API process's environment (keys with <c>__</c>, e.g. <c>Fal__JwksUrl</c>).</summary>
    protected virtual void AddApiSettings(IDictionary<string, string> environment)
    {
    }

    /// <summary>The silo's image runner, which keeps the provider tasks it was asked to cancel; made when the first image runs.</summary>
    public ScriptedImageRunner ImageRunner => _imageRunner ?? throw new InvalidOperationException("No image has run yet.");

    protected override void ConfigureTestCluster(TestClusterBuilder builder) =>
        // The API is a process of its own and reaches the gateway over TCP, as in production.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings[$"Budgets:{CappedWorkspaceId}:MonthlyCents"] = CappedBudgetCents.ToString();
        settings[$"Budgets:{BrokeWorkspaceId}:MonthlyCents"] = "0";
    }

    protected internal override void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IImageProcessingRunner>(provider => _imageRunner = ActivatorUtilities.CreateInstance<ScriptedImageRunner>(provider));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
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
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__AiStudio"] = Database.ConnectionString,
            ["Cluster__ClusterId"] = Configuration["Cluster:ClusterId"]!,
            ["Cluster__ServiceId"] = Configuration["Cluster:ServiceId"]!,
            ["Storage__Root"] = StorageRoot,
            ["Storage__SigningKey"] = Configuration["Storage:SigningKey"]!,
            ["Auth__Keys__0__Key"] = ApiKey,
            ["Auth__Keys__0__WorkspaceId"] = WorkspaceId,
            ["Auth__Keys__0__UserId"] = "user_one",
            ["Auth__Keys__1__Key"] = OtherApiKey,
            ["Auth__Keys__1__WorkspaceId"] = OtherWorkspaceId,
            ["Auth__Keys__1__UserId"] = "user_two",
            ["Auth__Keys__2__Key"] = UsageApiKey,
            ["Auth__Keys__2__WorkspaceId"] = UsageWorkspaceId,
            ["Auth__Keys__2__UserId"] = "user_usage",
            ["Auth__Keys__3__Key"] = CappedApiKey,
            ["Auth__Keys__3__WorkspaceId"] = CappedWorkspaceId,
            ["Auth__Keys__3__UserId"] = "user_capped",
            ["Auth__Keys__4__Key"] = BrokeApiKey,
            ["Auth__Keys__4__WorkspaceId"] = BrokeWorkspaceId,
            ["Auth__Keys__4__UserId"] = "user_broke",
            ["Fetch__AllowedHosts__0"] = "127.0.0.1",
            ["Images__MaxUploadBytes"] = MaxUploadBytes.ToString(),
            ["Images__MaxPixels"] = MaxPixels.ToString(),
            ["Progress__HeartbeatInterval"] = "00:00:02",
            ["Api__PublicBaseUrl"] = "https://studio.example",
        };
        AddApiSettings(environment);
        Api = await ApiProcess.StartAsync(environment, ApiAddress.Port);
        Http = Api.CreateClient(ApiKey);
        OtherHttp = Api.CreateClient(OtherApiKey);
        await WaitUntil.ConditionAsync(
            async () => (await Http.GetAsync("/health/ready")).IsSuccessStatusCode,
            "the API reaches the cluster",
            TimeSpan.FromSeconds(60),
            () => $"API output:\n{Api.Output}");
    }

    public override async Task DisposeAsync()
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

        await base.DisposeAsync();
    }
}
