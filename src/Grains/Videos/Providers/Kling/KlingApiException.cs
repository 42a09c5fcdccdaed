using System.Net;

namespace AiStudio.Videos.Providers.Kling;

/// <summary>
/// Kling refused a call: the HTTP status, Kling's business <see cref="Code"/> and its <see cref="Detail"/>. The message is
/// the one a user is shown, in the seed's words ("Kling API error: Invalid image format"), naming content-policy,
/// balance and authentication refusals as such.
/// </summary>
public sealed class KlingApiException(HttpStatusCode statusCode, int? code, string detail)
    : Exception(Describe(code, detail))
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Kling's business code (e.g. 1303), or null when the answer carried none (a proxy's error page).</summary>
    public int? Code { get; } = code;

    public string Detail { get; } = detail;

    /// <summary>Kling holds no task under the id asked for.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound || Code == 1203;

    /// <summary>A refusal that passes with time: rate or concurrency limits (1302, 1303) and Kling's own failures.</summary>
    public bool IsTransient => Code is 1302 or 1303 or >= 5000
        || (Code is null && (StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500));

    /// <summary>A parameter refusal (1200, 1201), which is also how Kling answers an external task id it already holds.</summary>
    public bool IsInvalidParameter => Code is 1200 or 1201;

    public bool IsAuthentication => StatusCode == HttpStatusCode.Unauthorized;

    private static string Describe(int? code, string detail) => code switch
    {
        >= 1000 and <= 1004 => $"Kling API error: authentication failed ({detail})",
        1100 => $"Kling API error: account exception ({detail})",
        1101 or 1102 => $"Kling API error: account balance exhausted ({detail})",
        1103 => $"Kling API error: no permission for this model ({detail})",
        1300 or 1301 => $"Kling API error: content policy violation ({detail})",
        _ => $"Kling API error: {detail}",
    };
}
