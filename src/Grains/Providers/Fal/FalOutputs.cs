using System.Text.Json.Nodes;

namespace AiStudio.Providers.Fal;

/// <summary>Reads the output file of a fal model's result, whichever of fal's shapes it has: <c>video</c>, <c>image</c> or <c>images[0]</c>.</summary>
internal static class FalOutputs
{
    private static readonly string[] SingleFileFields = ["video", "image"];

    public static Uri? FindFileUrl(JsonNode? result)
    {
        if (result is not JsonObject output)
        {
            return null;
        }

        var file = SingleFileFields.Select(field => output[field]).FirstOrDefault(node => node is JsonObject)
            ?? (output["images"] is JsonArray { Count: > 0 } images ? images[0] : null);
        return file is JsonObject && file["url"] is JsonValue url && url.TryGetValue<string>(out var text)
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
    }
}
