using System.Net;
using AiStudio.Net;
using Polly;
using Polly.Timeout;

namespace AiStudio.Providers.Fal;

/// <summary>Which failed calls to fal are worth another attempt, for the resilience pipelines of <see cref="FalServiceCollectionExtensions"/>.</summary>
internal static class FalRetryRules
{
    /// <summary>
    /// For status, result, cancel and uploads, which change nothing when repeated: transport failures, time-outs, 408,
    /// 429 and 5xx, except answers fal gives about the request itself (an <c>X-Fal-Error-Type</c>, or a 504 for the
    /// caller's own start deadline), which another attempt would only repeat.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,
        { Exception: HttpRequestException failure } => !IsRefusal(failure),
        { Result: { } response } => IsTransientStatus(response.StatusCode) && !IsAnswerAboutTheRequest(response),
        _ => false,
    };

    /// <summary>
    /// For a submit, which fal does not deduplicate: only failures that cannot have queued a job, i.e. the connection
    /// never opened, fal refused with 429, or its ingress answered 503 before the queue gave the request an id.
    /// </summary>
    public static bool IsSafeSubmitRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } failure } => !IsRefusal(failure),
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result: { StatusCode: HttpStatusCode.ServiceUnavailable } response } =>
            !response.Headers.Contains("x-fal-request-id") && !IsAnswerAboutTheRequest(response),
        _ => false,
    };

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsAnswerAboutTheRequest(HttpResponseMessage response) =>
        response.Headers.Contains("X-Fal-Error-Type")
        || (response.Headers.TryGetValues("X-Fal-Request-Timeout-Type", out var timeoutType) && timeoutType.Contains("user"));

    /// <summary>The SSRF guard refused the address: no attempt will be allowed.</summary>
    private static bool IsRefusal(Exception failure)
    {
        for (var current = failure.InnerException; current is not null; current = current.InnerException)
        {
            if (current is FetchRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
