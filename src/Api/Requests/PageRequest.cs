using AiStudio.Problems;

namespace AiStudio.Requests;

/// <summary>The <c>limit</c> and <c>cursor</c> of a list request, as API.md has them: <c>limit</c> 1..200, 50 when absent.</summary>
public sealed record PageRequest(string? Cursor, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const int MaxCursorLength = 256;

    /// <exception cref="ApiProblemException">400 naming each bad field.</exception>
    public static PageRequest Parse(string? cursor, string? limit)
    {
        var errors = new FieldErrors();
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize < 1 || pageSize > MaxLimit))
        {
            errors.Add("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        if (cursor is not null && (cursor.Length == 0 || cursor.Length > MaxCursorLength))
        {
            errors.Add("cursor", "cursor is not valid.");
        }

        errors.ThrowIfAny();
        return new PageRequest(cursor, pageSize);
    }
}
