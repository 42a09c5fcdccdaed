using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AiStudio.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Webhooks;

/// <summary>
/// POSTs webhook events per Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>)
/// and reports each outcome to its delivery grain. Connections pass <see cref="PermittedAddressConnector"/> (the SSRF
/// guard); redirects are not followed, so a receiver must answer 2xx itself and cannot bounce the POST elsewhere.
/// </summary>
public sealed class WebhookSender : IWebhookSender, IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly WebhookOptions _options;
    private readonly ILogger<WebhookSender> _logger;
    private readonly HttpClient _client;

    public WebhookSender(IGrainFactory grains, IOptions<WebhookOptions> options, IOptions<SafeFetchOptions> fetchOptions, ILogger<WebhookSender> logger)
    {
        _grains = grains;
        _options = options.Value;
        _logger = logger;
        _client = new HttpClient(GuardedHttpHandler.Create(fetchOptions.Value))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("AiStudio-Webhooks", "1.0"));
    }

    public void Send(string webhookId, Guid attemptId, WebhookMessage message) => _ = Task.Run(() => SendAsync(webhookId, attemptId, message));

    public void Dispose() => _client.Dispose();

    private async Task SendAsync(string webhookId, Guid attemptId, WebhookMessage message)
    {
        var result = await PostAsync(webhookId, message);
        try
        {
            await _grains.GetGrain<IWebhookAttemptReporter>(webhookId).RecordAttemptAsync(attemptId, result);
        }
        catch (Exception e)
        {
            // The delivery grain retries the attempt once it gives up waiting for this report.
            _logger.LogWarning(e, "Reporting the attempt of webhook {WebhookId} failed", webhookId);
        }
    }

    private async Task<WebhookAttemptResult> PostAsync(string webhookId, WebhookMessage message)
    {
        if (!Uri.TryCreate(message.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
        {
            return new WebhookAttemptResult(false, "Refused: only plain http and https URLs receive webhooks");
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
            };
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            request.Headers.Add("webhook-id", webhookId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(message.Secret))
            {
                request.Headers.Add("webhook-signature", WebhookSignature.Sign(message.Secret, webhookId, timestamp, message.Body));
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var outcome = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            return new WebhookAttemptResult(response.IsSuccessStatusCode, outcome);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new WebhookAttemptResult(false, $"No answer within {_options.RequestTimeout.TotalSeconds:0} seconds");
        }
        catch (HttpRequestException e) when (e.InnerException is FetchRefusedException refusal)
        {
            return new WebhookAttemptResult(false, "Refused: " + refusal.Message);
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttemptResult(false, e.Message);
        }
    }
}
