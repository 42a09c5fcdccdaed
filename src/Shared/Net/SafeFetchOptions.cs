namespace AiStudio.Net;

/// <summary>Bounds of a server-side fetch (configuration section <c>Fetch</c>).</summary>
public sealed class SafeFetchOptions
{
    public const string SectionName = "Fetch";

    /// <summary>Host names or literal addresses that may be fetched although not public: for development and tests only.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The largest response body accepted; a fetch may ask for less.</summary>
    public long MaxResponseBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The whole fetch, every redirect hop and the body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; set; } = 5;
}
