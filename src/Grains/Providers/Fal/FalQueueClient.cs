using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiStudio.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace AiStudio.Providers.Fal;

/// <summary>
/// fal's queue protocol: submit a model input, then follow the <c>status_url</c>, <c>response_url</c> and
/// <c>cancel_url</c> the submit answered; upload input files to fal storage; download outputs through the SSRF guard.
/// Calls go through the resilient clients of <see cref="FalServiceCollectionExtensions"/>.
/// </summary>
public sealed class FalQueueClient : IDisposable
{
    internal const string SubmitClientName = "fal-submit";
    internal const string QueueClientName = "fal-queue";

    private readonly IHttpClientFactory _clients;
    private readonly FalOptions _options;
    private readonly SafeHttpFetcher _downloads;
    private readonly ILogger<FalQueueClient> _logger;

    public FalQueueClient(IHttpClientFactory clients, IOptions<FalOptions> options, IOptions<SafeFetchOptions> fetch, ILogger<FalQueueClient> logger)
    {
        _clients = clients;
        _options = options.Value;
        _logger = logger;
        _downloads = new SafeHttpFetcher(new SafeFetchOptions
        {
            AllowedHosts = fetch.Value.AllowedHosts,
            ConnectTimeout = fetch.Value.ConnectTimeout,
            MaxRedirects = fetch.Value.MaxRedirects,
            MaxResponseBytes = _options.MaxResultBytes,
            Timeout = _options.ResultDownloadTimeout,
        });
    }

    internal Uri QueueUrl => _options.QueueUrl;

    /// <summary>
    /// Queues <paramref name="input"/> for <paramref name="model"/>; answers the request with the URLs fal gave for it.
    /// With a public base URL fal is asked to call back for <paramref name="jobKey"/> when it finishes, as a hint to poll.
    /// </summary>
    /// <exception cref="FalRequestException">fal refused the submit.</exception>
    internal async Task<FalTask> SubmitAsync(string model, JsonObject input, string jobKey, CancellationToken cancellationToken)
    {
        var submitUrl = _options.QueueUrl.AbsoluteUri.TrimEnd('/') + "/" + model.Trim('/');
        if (_options.CallbackBaseUrl is { } callbackBase)
        {
            submitUrl += "?fal_webhook=" + Uri.EscapeDataString(ProviderCallbackLinks.For(callbackBase, ProviderCallbackLinks.FalRoute, jobKey).AbsoluteUri);
        }

        using var request = Authorized(HttpMethod.Post, new Uri(submitUrl));
        request.Content = JsonContent.Create(input);
        using var response = await _clients.CreateClient(SubmitClientName).SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<SubmitAnswer>(cancellationToken);
        if (answer is not { RequestId: { Length: > 0 } requestId }
            || !FalTask.IsUnder(answer.StatusUrl, _options.QueueUrl)
            || !FalTask.IsUnder(answer.ResponseUrl, _options.QueueUrl)
            || !FalTask.IsUnder(answer.CancelUrl, _options.QueueUrl))
        {
            throw new FalRequestException("Fal.ai queued the request without the status, response and cancel URLs on its queue host", (int)response.StatusCode);
        }

        _logger.LogInformation("Queued fal request {RequestId} on {Model}", requestId, model);
        return new FalTask(model, requestId, answer.StatusUrl!, answer.ResponseUrl!, answer.CancelUrl!);
    }

    /// <summary>
    /// Where the request is. fal reports a failed request as <c>COMPLETED</c> too, so a completed one is judged by its
    /// result: succeeded only with an output file to download.
    /// </summary>
    /// <exception cref="ProviderUnavailableException">fal did not answer, timed out or was overloaded after the retries.</exception>
    internal async Task<ProviderJobState> GetStatusAsync(FalTask task, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadStatusAsync(task, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or FalRequestException { StatusCode: 408 or 429 or >= 500 })
        {
            throw new ProviderUnavailableException(e is FalRequestException ? e.Message : $"Fal.ai did not answer: {e.Message}", e);
        }
    }

    private async Task<ProviderJobState> ReadStatusAsync(FalTask task, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, new UriBuilder(task.StatusUrl) { Query = "logs=1" }.Uri);
        using var response = await _clients.CreateClient(QueueClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ProviderJobState.Unknown;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        var status = await response.Content.ReadFromJsonAsync<StatusAnswer>(cancellationToken)
            ?? throw new FalRequestException("Fal.ai answered an empty status", (int)response.StatusCode);
        _logger.LogDebug("fal request {RequestId}: {Status}, position {QueuePosition}, last log {Log}", task.RequestId, status.Status, status.QueuePosition, status.Logs?.LastOrDefault()?.Message);
        return status.Status switch
        {
            "IN_QUEUE" => ProviderJobState.Queued with { QueuePosition = status.QueuePosition },
            "IN_PROGRESS" => ProviderJobState.Running,
            "COMPLETED" when status.Error is { } error => ProviderJobState.Failed(FalErrorMessages.ForError(status.ErrorType, error)),
            "COMPLETED" => await ReadOutcomeAsync(task, cancellationToken) is { ErrorMessage: { } message } ? ProviderJobState.Failed(message) : ProviderJobState.Succeeded,
            _ => throw new FalRequestException($"Fal.ai answered an unknown status '{status.Status}'", (int)response.StatusCode),
        };
    }

    /// <summary>Downloads the output file of a completed request; a failure is worded with <paramref name="notRetrievedMessage"/>.</summary>
    /// <exception cref="InvalidOperationException">The request has no output file.</exception>
    /// <exception cref="IOException">The output file could not be downloaded (e.g. it expired).</exception>
    internal async Task<FetchedContent> DownloadOutputAsync(FalTask task, string notRetrievedMessage, CancellationToken cancellationToken)
    {
        FalOutcome outcome;
        try
        {
            outcome = await ReadOutcomeAsync(task, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or FalRequestException or JsonException)
        {
            throw new IOException($"{notRetrievedMessage}: {e.Message}", e);
        }

        var output = outcome.OutputUrl ?? throw new InvalidOperationException(outcome.ErrorMessage ?? FalErrorMessages.NoResult);
        try
        {
            return await _downloads.FetchAsync(output, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is FetchFailedException or FetchRefusedException)
        {
            throw new IOException($"{notRetrievedMessage}: {e.Message}", e);
        }
    }

    /// <summary>Asks fal to drop the request; an answer that it is finished or unknown is not an error.</summary>
    /// <exception cref="FalRequestException">fal failed to take the cancel.</exception>
    internal async Task CancelAsync(FalTask task, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Put, task.CancelUrl);
        using var response = await _clients.CreateClient(QueueClientName).SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            _logger.LogInformation("fal request {RequestId} was past canceling ({StatusCode})", task.RequestId, (int)response.StatusCode);
            return;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        _logger.LogInformation("Asked fal to cancel request {RequestId}", task.RequestId);
    }

    /// <summary>Uploads an input file to fal storage and answers the URL a model input names it by.</summary>
    internal async Task<Uri> UploadAsync(byte[] content, string contentType, string fileName, CancellationToken cancellationToken)
    {
        var client = _clients.CreateClient(QueueClientName);
        using var initiate = Authorized(HttpMethod.Post, new Uri(_options.RestUrl.AbsoluteUri.TrimEnd('/') + "/storage/upload/initiate?storage_type=fal-cdn-v3"));
        initiate.Content = JsonContent.Create(new { content_type = contentType, file_name = fileName });
        using var initiated = await client.SendAsync(initiate, cancellationToken);
        await EnsureSuccessAsync(initiated, cancellationToken);
        var slot = await initiated.Content.ReadFromJsonAsync<UploadSlot>(cancellationToken);
        if (slot is not { UploadUrl.IsAbsoluteUri: true, FileUrl.IsAbsoluteUri: true })
        {
            throw new FalRequestException("Fal.ai storage answered no upload URL", (int)initiated.StatusCode);
        }

        // The upload URL is signed by fal storage: it takes no key.
        using var upload = new HttpRequestMessage(HttpMethod.Put, slot.UploadUrl) { Content = new ByteArrayContent(content) };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var uploaded = await client.SendAsync(upload, cancellationToken);
        await EnsureSuccessAsync(uploaded, cancellationToken);
        return slot.FileUrl;
    }

    public void Dispose() => _downloads.Dispose();

    /// <summary>The result of a completed request: the URL of its output file, or why there is none.</summary>
    private async Task<FalOutcome> ReadOutcomeAsync(FalTask task, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, task.ResponseUrl);
        using var response = await _clients.CreateClient(QueueClientName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // fal replays the model's own failure here, e.g. a 422 that the status call did not show.
            return new FalOutcome(null, FalErrorMessages.ForResponse((int)response.StatusCode, ErrorTypeOf(response), body));
        }

        var url = FalOutputs.FindFileUrl(JsonNode.Parse(body));
        return url is null ? new FalOutcome(null, FalErrorMessages.NoResult) : new FalOutcome(url, null);
    }

    private HttpRequestMessage Authorized(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Key", _options.Key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new FalRequestException(FalErrorMessages.ForResponse((int)response.StatusCode, ErrorTypeOf(response), body), (int)response.StatusCode);
        }
    }

    private static string? ErrorTypeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Fal-Error-Type", out var values) ? values.FirstOrDefault() : null;

    private sealed record FalOutcome(Uri? OutputUrl, string? ErrorMessage);

    private sealed record SubmitAnswer(
        [property: JsonPropertyName("request_id")] string? RequestId,
        [property: JsonPropertyName("status_url")] Uri? StatusUrl,
        [property: JsonPropertyName("response_url")] Uri? ResponseUrl,
        [property: JsonPropertyName("cancel_url")] Uri? CancelUrl);

    private sealed record StatusAnswer(
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("queue_position")] int? QueuePosition,
        [property: JsonPropertyName("logs")] IReadOnlyList<LogLine>? Logs,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_type")] string? ErrorType);

    private sealed record LogLine([property: JsonPropertyName("message")] string? Message);

    private sealed record UploadSlot(
        [property: JsonPropertyName("upload_url")] Uri? UploadUrl,
        [property: JsonPropertyName("file_url")] Uri? FileUrl);
}
