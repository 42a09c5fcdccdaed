using System.Text.Json;
using AiStudio.Problems;

namespace AiStudio.Requests;

/// <summary>
/// Reads a JSON body with the API's own answers for every way it can be wrong: wrong content type (415), too large
/// (413), not JSON or not an object (400), a field of the wrong type (400 naming the field).
/// </summary>
public static class JsonRequestReader
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw ApiProblemException.UnsupportedMediaType("Send the request body as application/json.");
        }

        var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid request", "The request body is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid request", "The request body must be a JSON object.");
            }

            try
            {
                return document.RootElement.Deserialize<T>(Options)
                    ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid request", "The request body must be a JSON object.");
            }
            catch (JsonException e)
            {
                var field = FieldOf(e.Path);
                throw ApiProblemException.InvalidField(field, $"'{field}' has the wrong type.");
            }
        }
    }

    /// <summary>The field a JSON path points at, as clients name it: <c>$.clips[0].prompt</c> -> <c>clips[0].prompt</c>.</summary>
    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
}
