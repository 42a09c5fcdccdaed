using AiStudio.Problems;

namespace AiStudio.Requests;

public static class FormReader
{
    /// <summary>Reads a form body, answering a malformed or oversized one with 400 or 413 instead of a fault.</summary>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", "The form is larger than this endpoint accepts.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid request", "The form body is malformed.");
        }
    }
}
