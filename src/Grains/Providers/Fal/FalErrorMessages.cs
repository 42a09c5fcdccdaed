using System.Text.Json;

namespace AiStudio.Providers.Fal;

/// <summary>
/// The end-user messages of fal failures, worded like the seed's errors and keeping fal's own detail: model errors
/// (<c>{"detail":[{"msg","type"}]}</c>), infrastructure errors (<c>{"detail","error_type"}</c>) and account errors.
/// </summary>
public static class FalErrorMessages
{
    public const string NoResult = ProviderErrorMessages.NoResult;
    public const string ImageNotRetrieved = "Couldn't retrieve the processed image from Fal.ai";
    public const string VideoNotRetrieved = "Couldn't retrieve the generated video from Fal.ai";
    public const string Canceled = "Fal.ai: the request was canceled";

    private const int MaxDetailLength = 300;

    /// <summary>The message for an error answer of fal: its HTTP status, its <c>X-Fal-Error-Type</c> header if any, and its body.</summary>
    public static string ForResponse(int statusCode, string? errorTypeHeader, string body)
    {
        var (detail, type) = ReadBody(body);
        type ??= errorTypeHeader;
        return ForError(type, detail ?? $"HTTP {statusCode}", statusCode);
    }

    /// <summary>The message for a failure fal reported with a machine <paramref name="type"/> and a human <paramref name="detail"/>.</summary>
    public static string ForError(string? type, string detail, int? statusCode = null)
    {
        detail = detail.Length > MaxDetailLength ? detail[..MaxDetailLength] + "…" : detail;
        if (type == "content_policy_violation" || detail.Contains("content policy", StringComparison.OrdinalIgnoreCase))
        {
            return $"Fal.ai content policy violation: {detail}";
        }

        if (detail.Contains("balance", StringComparison.OrdinalIgnoreCase) || detail.Contains("User is locked", StringComparison.OrdinalIgnoreCase))
        {
            return $"Fal.ai account balance exhausted: {detail}";
        }

        return (type, statusCode) switch
        {
            ("client_cancelled", _) or (_, 499) => Canceled,
            (_, 401) => $"Fal.ai refused the API key (set Fal:Key or FAL_KEY): {detail}",
            (_, 404) => $"Fal.ai model not found: {detail}",
            (null, 422) => $"Fal.ai rejected the input: {detail}",
            (null, _) => $"Generic error during AI processing (Fal.ai): {detail}",
            _ => $"Fal.ai error ({type}): {detail}",
        };
    }

    /// <summary>The detail text and machine type of an error body; both null when it is not one.</summary>
    private static (string? Detail, string? Type) ReadBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("detail", out var detail))
            {
                return (null, null);
            }

            var errorType = root.TryGetProperty("error_type", out var flatType) && flatType.ValueKind == JsonValueKind.String ? flatType.GetString() : null;
            if (detail.ValueKind == JsonValueKind.String)
            {
                return (detail.GetString(), errorType);
            }

            if (detail.ValueKind == JsonValueKind.Array && detail.GetArrayLength() > 0 && detail[0] is { ValueKind: JsonValueKind.Object } first)
            {
                var message = first.TryGetProperty("msg", out var msg) ? msg.ToString() : first.ToString();
                var type = first.TryGetProperty("type", out var itemType) ? itemType.GetString() : null;
                return (message, type ?? errorType);
            }

            return (detail.ToString(), errorType);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
