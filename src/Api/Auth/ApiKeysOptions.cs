namespace AiStudio.Auth;

/// <summary>The API keys (configuration <c>Auth:Keys:&lt;n&gt;:*</c>); each key belongs to one workspace.</summary>
public sealed class ApiKeysOptions
{
    public const string SectionName = "Auth";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}
