namespace AiStudio.Providers.Fal;

/// <summary>
/// Settings of the fal.ai providers (section <c>Fal</c>). The key comes from <c>Fal:Key</c> or the environment variable
/// <c>FAL_KEY</c>; every base URL can point at a proxy or a test double.
/// </summary>
public sealed class FalOptions
{
    public const string SectionName = "Fal";
    public const string KeyVariable = "FAL_KEY";

    public string? Key { get; set; }

    public Uri QueueUrl { get; set; } = new("https://queue.fal.run");

    /// <summary>The REST host that takes storage uploads.</summary>
    public Uri RestUrl { get; set; } = new("https://rest.fal.ai");

    public Uri JwksUrl { get; set; } = new("https://rest.alpha.fal.ai/.well-known/jwks.json");

    /// <summary>Where fal reaches the API (<c>Api:PublicBaseUrl</c>); without it no webhook is asked for and jobs are only polled.</summary>
    public Uri? CallbackBaseUrl { get; set; }

    public FalModels Models { get; set; } = new();

    /// <summary>The first pause before retrying a transient failure; later pauses double, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one call to fal may take before it counts as timed out (and, except a submit, is retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest result file downloaded; a 10 s clip at 1080p stays well below it.</summary>
    public long MaxResultBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>The whole download of one result file.</summary>
    public TimeSpan ResultDownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
