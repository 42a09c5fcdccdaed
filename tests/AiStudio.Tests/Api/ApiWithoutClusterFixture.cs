using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

/// <summary>The API process with no silo and no database reachable: everything that needs neither must still answer properly.</summary>
public sealed class ApiWithoutClusterFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key-without-cluster-0001";

    /// <summary>The one origin whose pages may call this API from a browser.</summary>
    public const string AllowedOrigin = "https://studio.example";

    public const string WorkspaceId = "ws_nocluster";
    public const string SigningKey = "signing-key-for-tests-0123456789";

    private readonly TemporaryDirectory _storage = new();

    public string StorageRoot => _storage.Path;

    public ApiProcess Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__AiStudio"] = "Host=127.0.0.1;Port=9;Username=nobody;Database=nothing;Timeout=2",
            ["Storage__Root"] = StorageRoot,
            ["Storage__SigningKey"] = SigningKey,
            ["Auth__Keys__0__Key"] = ApiKey,
            ["Auth__Keys__0__WorkspaceId"] = WorkspaceId,
            ["Auth__Keys__0__UserId"] = "user_1",
            ["Cors__AllowedOrigins__0"] = AllowedOrigin,
            ["Cluster__GrainCallTimeout"] = "00:00:03",
            ["Images__MaxUploadBytes"] = "1048576",
        });
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        _storage.Dispose();
    }
}
