namespace AiStudio.Problems;

/// <summary>A request the API refuses, answered as problem+json by <see cref="ProblemExceptionHandler"/>.</summary>
public sealed class ApiProblemException(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    /// <summary>Field name -> messages, for bad input fields.</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiProblemException InvalidField(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", message, new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblemException NotFound(string detail) =>
        new(StatusCodes.Status404NotFound, "Not Found", detail);

    public static ApiProblemException Conflict(string detail) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ApiProblemException TooLarge(string field, string message) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", message, new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblemException UnsupportedMediaType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", detail);
}
