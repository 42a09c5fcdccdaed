namespace AiStudio.Hosting;

/// <summary>Whether to believe X-Forwarded-* (configuration <c>Hosting:TrustForwardedHeaders</c>): only behind a proxy that sets them.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Hosting";

    public bool TrustForwardedHeaders { get; set; }
}
