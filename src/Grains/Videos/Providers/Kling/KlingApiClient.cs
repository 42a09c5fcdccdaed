using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiStudio.Videos.Providers.Kling;

/// <summary>
/// Kling's image-to-video endpoints with the account's token: create and query, each over its own resilient client
/// (see <see cref="KlingServiceCollectionExtensions"/>). A call refused as unauthorized is sent once more with a fresh token.
/// </summary>
internal sealed class KlingApiClient(IHttpClientFactory clients, KlingTokenSource tokens)
{
    public const string CreateClient = "Kling.Create";
    public const string QueryClient = "Kling.Query";
    private const string TasksPath = "v1/videos/image2video";

    /// <exception cref="KlingApiException">Kling refused the task.</exception>
    /// <exception cref="HttpRequestException">No answer came; the task may or may not exist.</exception>
    public async Task<KlingTask> CreateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        var data = await SendAsync(CreateClient, () => new HttpRequestMessage(HttpMethod.Post, TasksPath)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        }, cancellationToken);
        return KlingTask.Read(data);
    }

    /// <summary>The task whose <c>task_id</c> or <c>external_task_id</c> is <paramref name="id"/>, or null when Kling holds none.</summary>
    /// <exception cref="KlingApiException">Kling refused the query.</exception>
    public async Task<KlingTask?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var data = await SendAsync(QueryClient, () => new HttpRequestMessage(HttpMethod.Get, $"{TasksPath}/{Uri.EscapeDataString(id)}"), cancellationToken);
            return KlingTask.Read(data);
        }
        catch (KlingApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task<JsonElement> SendAsync(string clientName, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(clientName);
        for (var attempt = 1; ; attempt++)
        {
            var token = tokens.Current();
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, cancellationToken);
            var (code, message, data) = await ReadEnvelopeAsync(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Refused(token);
                continue;
            }

            if (!response.IsSuccessStatusCode || code != 0 || data is not { } payload)
            {
                throw new KlingApiException(response.StatusCode, code, message ?? response.ReasonPhrase ?? $"HTTP {(int)response.StatusCode}");
            }

            return payload;
        }
    }

    /// <summary>Kling's <c>{code, message, data}</c> envelope; all null for a body that is not one (e.g. a proxy's error page).</summary>
    private static async Task<(int? Code, string? Message, JsonElement? Data)> ReadEnvelopeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            int? code = root.TryGetProperty("code", out var codeValue) && codeValue.ValueKind == JsonValueKind.Number && codeValue.TryGetInt32(out var number) ? number : null;
            var message = root.TryGetProperty("message", out var messageValue) && messageValue.ValueKind == JsonValueKind.String ? messageValue.GetString() : null;
            JsonElement? data = root.TryGetProperty("data", out var dataValue) && dataValue.ValueKind == JsonValueKind.Object ? dataValue.Clone() : null;
            return (code, message, data);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }
}
