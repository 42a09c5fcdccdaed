using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiStudio.Providers.Fal;

/// <summary>
/// A request in fal's queue with the URLs its submit answered, which fal says to follow rather than build. Its task id
/// carries all of them, so whichever silo reads the id from grain state can poll, fetch and cancel with nothing else.
/// </summary>
internal sealed record FalTask(
    [property: JsonPropertyName("m")] string Model,
    [property: JsonPropertyName("id")] string RequestId,
    [property: JsonPropertyName("s")] Uri StatusUrl,
    [property: JsonPropertyName("r")] Uri ResponseUrl,
    [property: JsonPropertyName("c")] Uri CancelUrl)
{
    private const string Prefix = "fal_";

    public string ToTaskId() => Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The task a task id names, or null when it is no fal task id or its URLs leave <paramref name="queueUrl"/>'s origin (the key is sent there).</summary>
    public static FalTask? TryParse(string? taskId, Uri queueUrl)
    {
        if (taskId is null || !taskId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        FalTask? task;
        try
        {
            task = JsonSerializer.Deserialize<FalTask>(Base64Url.DecodeFromChars(taskId.AsSpan(Prefix.Length)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }

        return task is not null && IsUnder(task.StatusUrl, queueUrl) && IsUnder(task.ResponseUrl, queueUrl) && IsUnder(task.CancelUrl, queueUrl)
            ? task
            : null;
    }

    /// <summary>True when <paramref name="url"/> is on the queue's scheme, host and port, where the key may go.</summary>
    public static bool IsUnder(Uri? url, Uri queueUrl) =>
        url is { IsAbsoluteUri: true }
        && Uri.Compare(url, queueUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
