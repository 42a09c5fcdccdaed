using AiStudio.Images.Providers;
using AiStudio.Tests.Api;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Providers.Fal;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>
/// The API process with a public base URL and fal's JWKS on the fal double, but no cluster: what the callback routes
/// decide before asking any grain (signatures, job names) is checked at the real routes.
/// </summary>
public sealed class ProviderCallbackApiFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _storage = new();
    private ServiceProvider _silo = null!;

    public FalQueueTestDouble Fal { get; private set; } = null!;

    public ApiProcess Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fal = await FalQueueTestDouble.StartAsync();
        Api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__AiStudio"] = "Host=127.0.0.1;Port=9;Username=nobody;Database=nothing;Timeout=2",
            ["Storage__Root"] = _storage.Path,
            ["Storage__SigningKey"] = ApiWithoutClusterFixture.SigningKey,
            ["Auth__Keys__0__Key"] = ApiWithoutClusterFixture.ApiKey,
            ["Auth__Keys__0__WorkspaceId"] = ApiWithoutClusterFixture.WorkspaceId,
            ["Auth__Keys__0__UserId"] = "user_1",
            ["Cluster__GrainCallTimeout"] = "00:00:03",
            ["Api__PublicBaseUrl"] = "https://studio.example",
            ["Fal__JwksUrl"] = Fal.JwksUrl,
            ["Fetch__AllowedHosts__0"] = "127.0.0.1",
        });
        _silo = FalProviderServices.Build(Fal, new() { ["Api:PublicBaseUrl"] = Api.BaseAddress.AbsoluteUri });
    }

    /// <summary>Submits an enhance job under <paramref name="jobKey"/>, whose webhook points at the API, and answers fal's request id.</summary>
    public async Task<string> SubmitAsync(string jobKey)
    {
        var source = Path.Combine(_storage.Path, $"{jobKey}.png");
        await File.WriteAllBytesAsync(source, TestImages.Png(16, 12));
        await _silo.GetRequiredService<IImageProvider>().SubmitAsync(new ImageJobRequest(jobKey, ImageJobKind.Enhance, source, null, "sharper"), default);
        return Fal.Requests.Single(request => Fal.WebhookUrlOf(request.Id)?.Query.EndsWith("=" + jobKey, StringComparison.Ordinal) == true).Id;
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await Api.DisposeAsync();
        await Fal.DisposeAsync();
        _storage.Dispose();
    }
}
