using Microsoft.Extensions.Configuration;

namespace AiStudio.Providers;

/// <summary>Reads which provider a feature uses, so a mistyped name stops the host at start-up instead of at the first job.</summary>
internal static class ProviderChoice
{
    public const string Local = "local";
    public const string Fal = "fal";
    public const string Kling = "kling";

    /// <summary>The provider named by <paramref name="key"/>, lower case, <see cref="Local"/> when unset.</summary>
    /// <exception cref="InvalidOperationException">The name is none of <paramref name="known"/>; the message names the key.</exception>
    public static string Read(IConfiguration configuration, string key, IReadOnlyList<string> known)
    {
        var configured = configuration[key] ?? Local;
        var name = configured.Trim().ToLowerInvariant();
        return known.Contains(name)
            ? name
            : throw new InvalidOperationException($"{key} is '{configured}', which names no provider; use one of: {string.Join(", ", known)}.");
    }
}
