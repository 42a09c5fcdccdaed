using System.Collections.Concurrent;
using System.Net;
using AiStudio.Images.Providers;
using AiStudio.Net;
using AiStudio.ProviderCallbacks;
using AiStudio.Providers;
using AiStudio.Tests.Api;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Providers.Fal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>
/// fal webhooks end to end over loopback: the fal provider asks the double for a webhook naming the job, the double
/// delivers it signed (or forged, §5.2) to a receiver that checks it with the API's verifier and the double's JWKS.
/// </summary>
public sealed class FalCallbackTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ConcurrentQueue<string> _acceptedJobs = new();
    private FalQueueTestDouble _fal = null!;
    private LoopbackHttpServer _receiver = null!;
    private ServiceProvider _silo = null!;
    private ServiceProvider _api = null!;
    private TimeSpan _refreshInterval = TimeSpan.Zero;

    public async Task InitializeAsync()
    {
        _fal = await FalQueueTestDouble.StartAsync();
        _receiver = await LoopbackHttpServer.StartAsync(app => app.MapPost(ProviderCallbackLinks.FalRoute, ReceiveAsync));
        _silo = FalProviderServices.Build(_fal, new() { ["Api:PublicBaseUrl"] = _receiver.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _receiver.DisposeAsync();
        await _fal.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_submit_asks_fal_for_a_webhook_on_the_public_url_that_names_the_job()
    {
        var requestId = await SubmitAsync("img_abc123-2");

        Assert.Equal($"{_receiver.BaseUrl}/v1/provider-callbacks/fal?job=img_abc123-2", _fal.WebhookUrlOf(requestId)?.AbsoluteUri);
        Assert.Equal("img_abc123", ProviderCallbackLinks.EntityIdOf("img_abc123-2"));
    }

    [Fact]
    public async Task A_signed_webhook_is_accepted_for_its_job_and_a_duplicate_only_repeats_the_hint()
    {
        var requestId = await SubmitAsync("img_abc123-1");

        Assert.Equal(HttpStatusCode.NoContent, await _fal.DeliverWebhookAsync(requestId));
        Assert.Equal(HttpStatusCode.NoContent, await _fal.DeliverWebhookAsync(requestId));

        Assert.Equal(["img_abc123-1", "img_abc123-1"], _acceptedJobs);
        Assert.Equal(1, _fal.JwksFetches);
    }

    public static TheoryData<FalWebhookForgery> Forgeries { get; } =
        [FalWebhookForgery.WrongKey, FalWebhookForgery.TamperedBody, FalWebhookForgery.StaleTimestamp, FalWebhookForgery.MissingSignature];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_stale_or_unsigned_webhook_is_refused(FalWebhookForgery forgery)
    {
        var requestId = await SubmitAsync("img_abc123-1");

        Assert.Equal(HttpStatusCode.Unauthorized, await _fal.DeliverWebhookAsync(requestId, forgery));

        Assert.Empty(_acceptedJobs);
    }

    [Fact]
    public async Task A_webhook_signed_with_a_key_not_yet_cached_makes_the_keys_be_fetched_again()
    {
        var requestId = await SubmitAsync("img_abc123-1");
        Assert.Equal(HttpStatusCode.NoContent, await _fal.DeliverWebhookAsync(requestId));

        _fal.Webhooks.Rotate();

        Assert.Equal(HttpStatusCode.NoContent, await _fal.DeliverWebhookAsync(requestId));
        Assert.Equal(2, _fal.JwksFetches);
    }

    [Fact]
    public async Task Forged_webhooks_refetch_the_keys_at_most_once_per_refresh_interval()
    {
        _refreshInterval = TimeSpan.FromHours(1);
        var requestId = await SubmitAsync("img_abc123-1");
        Assert.Equal(HttpStatusCode.NoContent, await _fal.DeliverWebhookAsync(requestId));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await _fal.DeliverWebhookAsync(requestId, FalWebhookForgery.WrongKey));
        }

        Assert.Equal(1, _fal.JwksFetches);
    }

    /// <summary>Submits an enhance job under <paramref name="jobKey"/> and answers fal's request id.</summary>
    private async Task<string> SubmitAsync(string jobKey)
    {
        var source = Path.Combine(_directory.Path, "source.png");
        await File.WriteAllBytesAsync(source, TestImages.Png(16, 12));
        await _silo.GetRequiredService<IImageProvider>().SubmitAsync(new ImageJobRequest(jobKey, ImageJobKind.Enhance, source, null, "sharper"), default);
        return Assert.Single(_fal.Requests).Id;
    }

    /// <summary>The API's check of a fal webhook, with the keys from the double; a verified one records the job it names.</summary>
    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        _api ??= new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new SafeHttpFetcher(new SafeFetchOptions { AllowedHosts = ["127.0.0.1"] }))
            .AddSingleton(Options.Create(new FalWebhookOptions { JwksUrl = new Uri(_fal.JwksUrl), JwksRefreshInterval = _refreshInterval }))
            .AddSingleton<FalWebhookKeys>()
            .AddSingleton<FalWebhookVerifier>()
            .BuildServiceProvider();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (!await _api.GetRequiredService<FalWebhookVerifier>().VerifyAsync(request.Headers, body.ToArray(), default))
        {
            return Results.Unauthorized();
        }

        _acceptedJobs.Enqueue(request.Query[ProviderCallbackLinks.JobParameter].ToString());
        return Results.NoContent();
    }
}
