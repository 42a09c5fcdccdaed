using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiStudio.Net;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace AiStudio.ProviderCallbacks;

/// <summary>
/// fal's webhook keys from its JWKS, fetched through the SSRF guard and cached. A signature no cached key verifies
/// may come from a rotated key, so it triggers a refetch, but at most once per <see cref="FalWebhookOptions.JwksRefreshInterval"/>.
/// </summary>
public sealed class FalWebhookKeys(SafeHttpFetcher fetcher, IOptions<FalWebhookOptions> options, TimeProvider clock, ILogger<FalWebhookKeys> logger)
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private IReadOnlyList<PublicKey> _keys = [];

    // Ticks of the last fetch, 0 before the first: a long read with Volatile cannot tear as a DateTimeOffset could.
    private long _fetchedAtTicks;

    /// <summary>True when any of fal's keys verifies <paramref name="signature"/> over <paramref name="message"/>.</summary>
    public async Task<bool> VerifyAsync(byte[] message, byte[] signature, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (SinceLastFetch() is not { } age || age > settings.JwksLifetime)
        {
            await RefreshAsync(settings, cancellationToken);
        }

        if (Verifies(_keys, message, signature))
        {
            return true;
        }

        return await RefreshAsync(settings, cancellationToken) && Verifies(_keys, message, signature);
    }

    private TimeSpan? SinceLastFetch() =>
        Volatile.Read(ref _fetchedAtTicks) is var ticks and > 0 ? clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private static bool Verifies(IReadOnlyList<PublicKey> keys, byte[] message, byte[] signature) =>
        keys.Any(key => SignatureAlgorithm.Ed25519.Verify(key, message, signature));

    /// <summary>Fetches the key set unless it was fetched within the refresh interval; true when new keys were read.</summary>
    private async Task<bool> RefreshAsync(FalWebhookOptions settings, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (SinceLastFetch() is { } age && age < settings.JwksRefreshInterval)
            {
                return false;
            }

            Volatile.Write(ref _fetchedAtTicks, clock.GetUtcNow().UtcTicks);
            var document = await fetcher.FetchAsync(settings.JwksUrl, 256 * 1024, cancellationToken);
            _keys = Parse(document.Content);
            logger.LogInformation("Read {KeyCount} fal webhook keys from {JwksUrl}", _keys.Count, settings.JwksUrl);
            return true;
        }
        catch (Exception e) when (e is FetchFailedException or FetchRefusedException or JsonException)
        {
            // The cached keys stay: a key set that cannot be read now must not unlock or lock out anything.
            logger.LogWarning(e, "Could not read fal's webhook keys from {JwksUrl}", settings.JwksUrl);
            return false;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private static List<PublicKey> Parse(byte[] content)
    {
        var keys = new List<PublicKey>();
        foreach (var key in JsonSerializer.Deserialize<KeySet>(content)?.Keys ?? [])
        {
            if (key is { KeyType: "OKP", Curve: "Ed25519", X: { } x }
                && Base64Url.IsValid(x, out var length) && length == SignatureAlgorithm.Ed25519.PublicKeySize
                && PublicKey.TryImport(SignatureAlgorithm.Ed25519, Base64Url.DecodeFromChars(x), KeyBlobFormat.RawPublicKey, out var publicKey) && publicKey is not null)
            {
                keys.Add(publicKey);
            }
        }

        return keys;
    }

    private sealed record KeySet([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKey>? Keys);

    private sealed record JsonWebKey(
        [property: JsonPropertyName("kty")] string? KeyType,
        [property: JsonPropertyName("crv")] string? Curve,
        [property: JsonPropertyName("x")] string? X);
}
