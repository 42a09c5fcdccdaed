namespace AiStudio.Providers;

/// <summary>
/// The callback routes a provider is told to call, and the job they name. The job key (<c>{entity id}-{attempt}</c>)
/// only says which grain to ask: the grain then queries the provider itself, so a forged key can do no more than that.
/// </summary>
public static class ProviderCallbackLinks
{
    public const string FalRoute = "/v1/provider-callbacks/fal";
    public const string KlingRoute = "/v1/provider-callbacks/kling";
    public const string JobParameter = "job";

    public static Uri For(Uri publicBaseUrl, string route, string jobKey) =>
        new(publicBaseUrl.AbsoluteUri.TrimEnd('/') + route + "?" + JobParameter + "=" + Uri.EscapeDataString(jobKey));

    /// <summary>The entity a job key belongs to: the key without its <c>-{attempt}</c> suffix, or null when it has none.</summary>
    public static string? EntityIdOf(string? jobKey)
    {
        if (jobKey is null)
        {
            return null;
        }

        var dash = jobKey.LastIndexOf('-');
        return dash > 0 && int.TryParse(jobKey.AsSpan(dash + 1), out var attempt) && attempt >= 0 ? jobKey[..dash] : null;
    }
}
