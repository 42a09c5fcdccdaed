using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiStudio.Files;

/// <summary>
/// Signs and verifies file links <c>/files/{key}?exp=&lt;unix&gt;&amp;sig=&lt;base64url HMAC-SHA256(key + "\n" + exp)&gt;</c>,
/// so <c>&lt;img&gt;</c> tags and curl fetch media without an API key, only the objects they were given, and only for a while.
/// </summary>
public sealed class FileLinkSigner(IOptions<StorageOptions> options, TimeProvider timeProvider)
{
    public const string RoutePrefix = "/files/";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
    private readonly TimeSpan _lifetime = options.Value.LinkLifetime;

    /// <summary>The absolute link to <paramref name="key"/> on the host the request came to.</summary>
    public string CreateUrl(HttpRequest request, string key)
    {
        var expires = ExpiryFrom(timeProvider.GetUtcNow());
        return $"{request.Scheme}://{request.Host}{request.PathBase}{CreatePath(key, expires)}";
    }

    public string CreatePath(string key, long expiresAtUnixSeconds) =>
        $"{RoutePrefix}{key}?exp={expiresAtUnixSeconds}&sig={Sign(key, expiresAtUnixSeconds)}";

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

        return timeProvider.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? FileLinkCheck.Expired : FileLinkCheck.Valid;
    }

    private string Sign(string key, long expiresAt) => Base64Url.EncodeToString(Mac(key, expiresAt));

    private byte[] Mac(string key, long expiresAt) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(key + "\n" + expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>At least the configured lifetime, rounded up to the hour so repeated reads return the same links.</summary>
    private long ExpiryFrom(DateTimeOffset now)
    {
        var earliest = (now + _lifetime).ToUnixTimeSeconds();
        const long hour = 3600;
        return (earliest + hour - 1) / hour * hour;
    }
}
