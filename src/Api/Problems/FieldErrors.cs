namespace AiStudio.Problems;

/// <summary>Collects every bad field of a request so one 400 answer names them all.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void ThrowIfAny()
    {
        if (IsEmpty)
        {
            return;
        }

        var errors = _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
        var detail = errors.Count == 1 && errors.Values.Single().Length == 1
            ? errors.Values.Single()[0]
            : "One or more fields are invalid.";
        throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid request", detail, errors);
    }
}
