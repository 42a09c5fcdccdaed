namespace AiStudio.Videos.Providers.Kling;

/// <summary>Settings of Kling's own API (section <c>Kling</c>), read when <c>Providers:Videos</c> is <c>kling</c>.</summary>
public sealed class KlingOptions
{
    public const string SectionName = "Kling";

    /// <summary>The AK: the issuer (<c>iss</c>) of every token.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The SK: the HS256 key that signs every token.</summary>
    public string? SecretKey { get; set; }

    public string BaseUrl { get; set; } = "https://api-singapore.klingai.com";

    public string ModelName { get; set; } = "kling-v2-1";

    /// <summary>Where Kling reaches the API (<c>Api:PublicBaseUrl</c>); without it no callback is asked for and tasks are only polled.</summary>
    public Uri? CallbackBaseUrl { get; set; }

    /// <summary><c>std</c> or <c>pro</c>; transitions get an end frame only where the model takes one in this mode.</summary>
    public string Mode { get; set; } = "std";

    /// <summary>How long a token is valid; Kling's samples use 30 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A token is replaced this long before it expires, so none expires in flight.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One attempt of an API call, the image upload of a create included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a query (and of a create that could not connect) after the first attempt.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait before a create refused for concurrency (1303) or left unanswered is tried again; it doubles up to <see cref="MaxSubmitRetryDelay"/>.</summary>
    public TimeSpan SubmitRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxSubmitRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest video downloaded from a result URL.</summary>
    public long MaxResultBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>A whole result download.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
