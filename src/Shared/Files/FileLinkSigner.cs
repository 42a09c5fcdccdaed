using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiStudio.Storage;

namespace AiStudio.Files;

/// <summary>
/// Signs and verifies file links <c>/files/{key}?exp=&lt;unix&gt;&amp;sig=&lt;base64url HMAC-SHA256(key + "\n" + exp)&gt;</c>,
/// so <c>&lt;img&gt;</c> tags, curl and webhook receivers fetch media without an API key, only the objects they were
/// given, and only for a while. The API signs the links of its responses and verifies them all; silos sign the links
/// of their webhooks, which no request produces. Every signer of a deployment shares <c>Storage:SigningKey</c>.
/// </summary>
public sealed class FileLinkSigner
{
    public const string RoutePrefix = "/files/";

    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;

    /// <param name="lifetime">How long a link stays valid at least.</param>
    public FileLinkSigner(string signingKey, TimeSpan lifetime, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _key = Encoding.UTF8.GetBytes(signingKey);
        _lifetime = lifetime;
        _timeProvider = timeProvider;
    }

    /// <summary>The absolute link to <paramref name="key"/> under <paramref name="baseUrl"/> (which may carry a path prefix).</summary>
    public string CreateUrl(string baseUrl, string key) =>
        baseUrl.TrimEnd('/') + CreatePath(key, ExpiryFrom(_timeProvider.GetUtcNow()));

    public string CreatePath(string key, long expiresAtUnixSeconds)
    {
        if (!BlobKeys.IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        }

        return $"{RoutePrefix}{key}?exp={expiresAtUnixSeconds}&sig={Base64Url.EncodeToString(Mac(key, expiresAtUnixSeconds))}";
    }

    public FileLinkCheck Verify(string key, string? exp, string? sig)
    {
        if (!long.TryParse(exp, out var expiresAt) || string.IsNullOrEmpty(sig) || sig.Length > 64)
        {
            return FileLinkCheck.Tampered;
        }

        Span<byte> presented = stackalloc byte[48];
        if (Base64Url.DecodeFromChars(sig, presented, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return FileLinkCheck.Tampered;
        }

        if (!CryptographicOperations.FixedTimeEquals(presented[..written], Mac(key, expiresAt)))
        {
            return FileLinkCheck.Tampered;
        }

        return _timeProvider.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? FileLinkCheck.Expired : FileLinkCheck.Valid;
    }

    private byte[] Mac(string key, long expiresAt) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(key + "\n" + expiresAt.ToString(CultureInfo.InvariantCulture)));

    /// <summary>At least the configured lifetime, rounded up to the hour so repeated reads return the same links.</summary>
    private long ExpiryFrom(DateTimeOffset now)
    {
        var earliest = (now + _lifetime).ToUnixTimeSeconds();
        const long hour = 3600;
        return (earliest + hour - 1) / hour * hour;
    }
}
