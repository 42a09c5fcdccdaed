namespace AiStudio.ProviderCallbacks;

/// <summary>How the API checks fal webhooks (section <c>Fal</c>, shared with the silo's fal settings).</summary>
public sealed class FalWebhookOptions
{
    public const string SectionName = "Fal";

    public Uri JwksUrl { get; set; } = new("https://rest.alpha.fal.ai/.well-known/jwks.json");

    /// <summary>How long fetched keys are trusted before they are fetched again; fal allows caching them up to a day.</summary>
    public TimeSpan JwksLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The least time between two fetches, so forged webhooks cannot make the API hammer the key set.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far a webhook's timestamp may be from now, either way.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The largest webhook body read; fal's carry URLs, not files.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
