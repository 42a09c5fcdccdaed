using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiStudio.Providers;
using AiStudio.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>
/// A test double of fal.ai on 127.0.0.1, faithful to the queue protocol of the providers brief (§1, §5.1): the
/// <c>Key</c> auth header (401 unknown, 403 exhausted balance), submit on <c>/{owner}/{app}/{path}</c> answering
/// status/response/cancel URLs under <c>/{owner}/{app}/requests/{id}</c>, status 202 → 200 with a counting-down
/// <c>queue_position</c>, results replaying model and infrastructure errors, cancel, storage uploads and a CDN for
/// inputs and outputs, plus switches for transient 429/503 answers on submit and status. Webhooks (§5.2): a submit's
/// <c>fal_webhook</c> is kept, and a test delivers the completion to it, signed by <see cref="Webhooks"/> whose keys
/// are published at <see cref="JwksUrl"/>, or spoiled as a <see cref="FalWebhookForgery"/> says.
/// </summary>
public sealed class FalQueueTestDouble : IAsyncDisposable
{
    public const string Key = "test-key-id:test-key-secret";
    public const string LockedKey = "locked-key-id:locked-key-secret";

    private readonly ConcurrentDictionary<string, FalTestRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _files = new();
    private readonly ConcurrentQueue<int> _submitFaults = new();
    private readonly ConcurrentQueue<int> _statusFaults = new();
    private readonly ConcurrentDictionary<string, Uri> _webhookUrls = new();
    private readonly ConcurrentDictionary<string, int> _pollsPerRequest = new();
    private readonly HttpClient _webhookClient = new();
    private LoopbackHttpServer _server = null!;
    private bool _held;
    private int _submitAttempts;
    private int _statusPolls;
    private int _jwksFetches;

    private FalQueueTestDouble()
    {
    }

    /// <summary>The script of requests submitted from now on.</summary>
    public FalJobScript Script { get; set; } = new();

    /// <summary>The bytes the model outputs on success, an 8×6 PNG unless a test sets a clip.</summary>
    public byte[] Output { get; set; } = TestImages.Png(8, 6);

    public string OutputContentType { get; set; } = "image/png";

    /// <summary>While set, status polls answer where each request is without moving it along: a model slow to start or finish.</summary>
    public bool Held
    {
        get => Volatile.Read(ref _held);
        set => Volatile.Write(ref _held, value);
    }

    /// <summary>The MP4 the Kling video models output when set, so images and clips can come from one double.</summary>
    public byte[]? VideoOutput { get; set; }

    public string QueueUrl => _server.BaseUrl + "/queue";

    public string RestUrl => _server.BaseUrl + "/rest";

    public string JwksUrl => _server.BaseUrl + "/.well-known/jwks.json";

    public FalWebhookSigner Webhooks { get; } = new();

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Submits that reached the double, faulted ones included.</summary>
    public int SubmitAttempts => Volatile.Read(ref _submitAttempts);

    public int StatusPolls => Volatile.Read(ref _statusPolls);

    /// <summary>Requests queued, in no particular order.</summary>
    public IReadOnlyCollection<FalTestRequest> Requests => _requests.Values.ToList();

    public static async Task<FalQueueTestDouble> StartAsync()
    {
        var fal = new FalQueueTestDouble();
        fal._server = await LoopbackHttpServer.StartAsync(fal.Map);
        return fal;
    }

    /// <summary>The next submits answer these statuses, as fal's ingress does when it sheds load, before any request is queued.</summary>
    public void FailNextSubmits(params int[] statusCodes) => Array.ForEach(statusCodes, _submitFaults.Enqueue);

    /// <summary>The next status polls answer these statuses without moving any request along.</summary>
    public void FailNextStatusPolls(params int[] statusCodes) => Array.ForEach(statusCodes, _statusFaults.Enqueue);

    /// <summary>The bytes uploaded to or served from the double's CDN under <paramref name="url"/>.</summary>
    public byte[]? FileAt(string url) => _files.TryGetValue(url, out var file) ? file.Content : null;

    /// <summary>Status polls of the request answered so far.</summary>
    public int PollsOf(string requestId) => _pollsPerRequest.GetValueOrDefault(requestId);

    /// <summary>The CDN forgets every file, inputs and outputs, as fal's media expiry does; results are served again on the next result call.</summary>
    public void ExpireFiles() => _files.Clear();

    /// <summary>The <c>fal_webhook</c> the request was submitted with, or null.</summary>
    public Uri? WebhookUrlOf(string requestId) => _webhookUrls.GetValueOrDefault(requestId);

    /// <summary>The job key our client put in the request's <c>fal_webhook</c> (<c>?job=</c>), or null without a webhook.</summary>
    public string? JobKeyOf(string requestId) =>
        WebhookUrlOf(requestId) is { } url ? QueryHelpers.ParseQuery(url.Query)[ProviderCallbackLinks.JobParameter].SingleOrDefault() : null;

    /// <summary>POSTs the request's completion to its webhook as fal does, and answers the status the receiver gave.</summary>
    public async Task<HttpStatusCode> DeliverWebhookAsync(string requestId, FalWebhookForgery forgery = FalWebhookForgery.None)
    {
        var url = WebhookUrlOf(requestId) ?? throw new InvalidOperationException($"Request {requestId} asked for no webhook.");
        var signed = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["request_id"] = requestId,
            ["gateway_request_id"] = requestId,
            ["status"] = "OK",
            ["payload"] = new JsonObject { ["images"] = new JsonArray(new JsonObject { ["url"] = CdnUrl(requestId) }) },
        });
        var headers = Webhooks.Headers(requestId, signed, forgery);
        var sent = forgery == FalWebhookForgery.TamperedBody ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace("\"OK\"", "\"ERROR\"", StringComparison.Ordinal)) : signed;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await _webhookClient.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _webhookClient.Dispose();
        Webhooks.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var needsKey = path.StartsWith("/queue/", StringComparison.Ordinal) || path.StartsWith("/rest/", StringComparison.Ordinal);
            var key = context.Request.Headers.Authorization.ToString();
            if (needsKey && key == $"Key {LockedKey}")
            {
                await Results.Json(new { detail = "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing." }, statusCode: 403).ExecuteAsync(context);
            }
            else if (needsKey && key != $"Key {Key}")
            {
                await Results.Json(new { detail = "No user found for Key ID and Secret" }, statusCode: 401).ExecuteAsync(context);
            }
            else
            {
                await next(context);
            }
        });

        app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref _jwksFetches);
            return Results.Json(Webhooks.Jwks());
        });
        app.MapPost("/queue/{owner}/{app}/{**path}", (Delegate)SubmitAsync);
        app.MapGet("/queue/{owner}/{app}/requests/{id}/status", Status);
        app.MapGet("/queue/{owner}/{app}/requests/{id}", Result);
        app.MapPut("/queue/{owner}/{app}/requests/{id}/cancel", Cancel);
        app.MapPost("/rest/storage/upload/initiate", (Delegate)InitiateUploadAsync);
        app.MapPut("/uploads/{fileId}", (Delegate)UploadAsync);
        app.MapGet("/cdn/{fileId}", (string fileId) =>
            _files.TryGetValue(CdnUrl(fileId), out var file) ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound());
    }

    private async Task<IResult> SubmitAsync(HttpContext context, string owner, string app, string? path)
    {
        Interlocked.Increment(ref _submitAttempts);
        if (_submitFaults.TryDequeue(out var fault))
        {
            return Results.Text("<html>upstream unavailable</html>", "text/html", statusCode: fault);
        }

        if (app == "no-such-app")
        {
            return Results.Json(new { detail = $"Application \"{app}\" not found" }, statusCode: 404);
        }

        var input = await context.Request.ReadFromJsonAsync<JsonObject>() ?? [];
        var model = path is null ? $"{owner}/{app}" : $"{owner}/{app}/{path}";
        var request = new FalTestRequest(Guid.NewGuid().ToString(), model, input, Script, ValidationErrorOf(model, input));
        _requests[request.Id] = request;
        if (Uri.TryCreate(context.Request.Query["fal_webhook"], UriKind.Absolute, out var webhook))
        {
            _webhookUrls[request.Id] = webhook;
        }

        var requestUrl = $"{QueueUrl}/{owner}/{app}/requests/{request.Id}";
        context.Response.Headers["x-fal-request-id"] = request.Id;
        return Results.Json(new JsonObject
        {
            ["status"] = request.Status,
            ["request_id"] = request.Id,
            ["response_url"] = requestUrl,
            ["status_url"] = requestUrl + "/status",
            ["cancel_url"] = requestUrl + "/cancel",
            ["queue_position"] = request.QueuePosition,
        });
    }

    private IResult Status(HttpContext context, string id)
    {
        Interlocked.Increment(ref _statusPolls);
        if (_statusFaults.TryDequeue(out var fault))
        {
            return Results.Text("<html>upstream unavailable</html>", "text/html", statusCode: fault);
        }

        if (!_requests.TryGetValue(id, out var request))
        {
            return Results.Json(new { detail = "Request not found" }, statusCode: 404);
        }

        _pollsPerRequest.AddOrUpdate(id, 1, (_, polls) => polls + 1);
        var (status, position, logs) = Held ? (request.Status, request.QueuePosition, request.Logs) : request.Poll();
        var withLogs = context.Request.Query["logs"] == "1";
        var body = new JsonObject { ["status"] = status, ["request_id"] = id };
        if (status == "IN_QUEUE")
        {
            body["queue_position"] = position;
        }
        else
        {
            body["logs"] = withLogs ? new JsonArray([.. Enumerable.Range(1, logs).Select(line => (JsonNode)new JsonObject { ["message"] = $"step {line}", ["level"] = "INFO" })]) : null;
        }

        if (status == "COMPLETED")
        {
            body["metrics"] = new JsonObject { ["inference_time"] = 1.5 };
            if (request.Canceled)
            {
                (body["error"], body["error_type"]) = ("Request was cancelled", "client_cancelled");
            }
            else if (request.Script.Outcome == FalTestOutcome.RunnerDisconnected)
            {
                (body["error"], body["error_type"]) = ("The runner disconnected while processing the request", "runner_disconnected");
            }
        }

        return Results.Json(body, statusCode: status == "COMPLETED" ? 200 : 202);
    }

    private IResult Result(HttpContext context, string id)
    {
        if (!_requests.TryGetValue(id, out var request))
        {
            return Results.Json(new { detail = "Request not found" }, statusCode: 404);
        }

        if (request.Status != "COMPLETED")
        {
            return Results.Json(new { detail = "Request is still in progress" }, statusCode: 400);
        }

        context.Response.Headers["x-fal-request-id"] = id;
        if (request.Canceled)
        {
            context.Response.Headers["X-Fal-Error-Type"] = "client_cancelled";
            return Results.Json(new { detail = "Request was cancelled by the client", error_type = "client_cancelled" }, statusCode: 499);
        }

        if (request.ValidationError is { } invalid)
        {
            return ModelError(context, invalid, "value_error");
        }

        switch (request.Script.Outcome)
        {
            case FalTestOutcome.ContentPolicyViolation:
                return ModelError(context, "The content could not be processed because it contained material flagged by a content checker.", "content_policy_violation");
            case FalTestOutcome.RunnerDisconnected:
                context.Response.Headers["X-Fal-Error-Type"] = "runner_disconnected";
                return Results.Json(new { detail = "The runner disconnected while processing the request", error_type = "runner_disconnected" }, statusCode: 503);
            case FalTestOutcome.NoOutput:
                return Results.Json(new JsonObject { ["images"] = new JsonArray(), ["seed"] = 42 });
        }

        var fileUrl = CdnUrl(id);
        var isVideo = request.Model.Contains("kling-video", StringComparison.Ordinal);
        var (output, contentType) = isVideo && VideoOutput is { } clip ? (clip, "video/mp4") : (Output, OutputContentType);
        if (request.Script.Outcome == FalTestOutcome.Success)
        {
            _files[fileUrl] = (output, contentType);
        }

        var file = new JsonObject { ["url"] = fileUrl, ["content_type"] = contentType, ["file_size"] = output.Length };
        return Results.Json(isVideo ? new JsonObject { ["video"] = file }
            : request.Model.Contains("clarity-upscaler", StringComparison.Ordinal) ? new JsonObject { ["image"] = file, ["seed"] = 42 }
            : new JsonObject { ["images"] = new JsonArray(file) });
    }

    private IResult Cancel(string id) =>
        !_requests.TryGetValue(id, out var request) ? Results.Json(new { status = "NOT_FOUND" }, statusCode: 404)
        : request.Cancel() ? Results.Json(new { status = "CANCELLATION_REQUESTED" }, statusCode: 202)
        : Results.Json(new { status = "ALREADY_COMPLETED" }, statusCode: 400);

    private async Task<IResult> InitiateUploadAsync(HttpContext context)
    {
        var body = await context.Request.ReadFromJsonAsync<JsonObject>();
        if (context.Request.Query["storage_type"] != "fal-cdn-v3" || body?["content_type"] is null)
        {
            return Results.Json(new { detail = "storage_type and content_type are required" }, statusCode: 422);
        }

        var fileId = Guid.NewGuid().ToString("N");
        return Results.Json(new { upload_url = $"{_server.BaseUrl}/uploads/{fileId}", file_url = CdnUrl(fileId) });
    }

    private async Task<IResult> UploadAsync(HttpContext context, string fileId)
    {
        using var content = new MemoryStream();
        await context.Request.Body.CopyToAsync(content);
        _files[CdnUrl(fileId)] = (content.ToArray(), context.Request.ContentType ?? "application/octet-stream");
        return Results.Ok();
    }

    private string CdnUrl(string fileId) => $"{_server.BaseUrl}/cdn/{fileId}";

    /// <summary>The schema checks of the Kling endpoints: duration "5" or "10", and no end frame on the standard tiers.</summary>
    private static string? ValidationErrorOf(string model, JsonObject input) =>
        !model.Contains("kling-video", StringComparison.Ordinal) ? null
        : input["duration"]?.GetValue<string>() is not ("5" or "10") ? "duration must be '5' or '10'"
        : model.Contains("/standard/", StringComparison.Ordinal) && input.ContainsKey("tail_image_url") ? "tail_image_url is not supported on standard tiers"
        : null;

    private static IResult ModelError(HttpContext context, string message, string type)
    {
        context.Response.Headers["X-Fal-Retryable"] = "false";
        var detail = new JsonArray(new JsonObject { ["loc"] = new JsonArray("body", "input"), ["msg"] = message, ["type"] = type, ["url"] = "https://docs.fal.ai/errors" });
        return Results.Json(new JsonObject { ["detail"] = detail }, statusCode: 422);
    }
}
