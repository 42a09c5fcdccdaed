using Microsoft.Extensions.Options;

namespace AiStudio.Auth;

/// <summary>Refuses to start with no key, an empty or duplicated key, or a workspace ID unfit for grain and blob keys.</summary>
public sealed class ApiKeysOptionsValidator : IValidateOptions<ApiKeysOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeysOptions options)
    {
        var failures = new List<string>();
        if (options.Keys.Count == 0)
        {
            failures.Add("Configure at least one API key (Auth:Keys:0:Key, Auth:Keys:0:WorkspaceId, Auth:Keys:0:UserId).");
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var entry = options.Keys[i];
            if (string.IsNullOrWhiteSpace(entry.Key))
            {
                failures.Add($"Auth:Keys:{i}:Key is empty.");
            }

            if (!IsSafeIdentifier(entry.WorkspaceId))
            {
                failures.Add($"Auth:Keys:{i}:WorkspaceId must be 1-64 characters of [A-Za-z0-9_-].");
            }

            if (!IsSafeIdentifier(entry.UserId))
            {
                failures.Add($"Auth:Keys:{i}:UserId must be 1-64 characters of [A-Za-z0-9_-].");
            }
        }

        if (options.Keys.Where(k => !string.IsNullOrEmpty(k.Key)).GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            failures.Add("Each API key must be unique.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSafeIdentifier(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
