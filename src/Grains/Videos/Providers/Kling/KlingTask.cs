using System.Text.Json;
using AiStudio.Providers;

namespace AiStudio.Videos.Providers.Kling;

/// <summary>The part of a Kling task object (<c>data</c> of a create or query answer) this client reads.</summary>
internal sealed record KlingTask(string TaskId, string Status, string? StatusMessage, string? ExternalTaskId, string? VideoUrl)
{
    public const string Submitted = "submitted";
    public const string Processing = "processing";
    public const string Succeed = "succeed";
    public const string Failed = "failed";

    /// <exception cref="JsonException">The object has no <c>task_id</c> or <c>task_status</c>.</exception>
    public static KlingTask Read(JsonElement data) => new(
        Text(data, "task_id") ?? throw new JsonException("A Kling task without task_id."),
        Text(data, "task_status") ?? throw new JsonException("A Kling task without task_status."),
        Text(data, "task_status_msg"),
        data.TryGetProperty("task_info", out var info) ? Text(info, "external_task_id") : null,
        data.TryGetProperty("task_result", out var result)
            && result.TryGetProperty("videos", out var videos)
            && videos.ValueKind == JsonValueKind.Array
            && videos.GetArrayLength() > 0
                ? Text(videos[0], "url")
                : null);

    /// <summary>The task as the provider contract reports it; a status this client does not know counts as running.</summary>
    public ProviderJobState State => Status switch
    {
        Submitted => ProviderJobState.Queued,
        Succeed => ProviderJobState.Succeeded,
        Failed => ProviderJobState.Failed(
            string.IsNullOrWhiteSpace(StatusMessage) ? VideoProviderErrors.RenderingFailed : $"Kling API error: {StatusMessage}"),
        _ => ProviderJobState.Running,
    };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
