namespace AiStudio.Tests.Providers.Fal;

/// <summary>How a request the fal test double runs ends.</summary>
public enum FalTestOutcome
{
    /// <summary>The model's output, its file served from the double's CDN.</summary>
    Success,

    /// <summary>The model answers 422 with a <c>content_policy_violation</c> detail, seen only on the result call.</summary>
    ContentPolicyViolation,

    /// <summary>fal's runner dropped the request: status carries <c>error</c>/<c>error_type</c>, the result a 503 with <c>X-Fal-Error-Type</c>.</summary>
    RunnerDisconnected,

    /// <summary>The model answers 200 with no file in its output.</summary>
    NoOutput,

    /// <summary>The output names a file that has expired from the CDN.</summary>
    OutputExpired,
}
