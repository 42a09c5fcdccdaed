namespace AiStudio.Browsers;

/// <summary>
/// Bound from <c>Cors</c>: the origins whose pages may call the API from a browser (<c>Cors:AllowedOrigins:&lt;n&gt;</c>,
/// e.g. <c>https://studio.example.com</c>); none by default, so no page elsewhere can read an answer.
/// </summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}
