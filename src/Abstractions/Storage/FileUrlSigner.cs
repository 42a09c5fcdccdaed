using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiStudio.Storage;

/// <summary>
/// Signs and checks file URLs <c>/files/{key}?exp={unix seconds}&amp;sig={signature}</c>, the signature being
/// base64url(HMAC-SHA256(<c>Storage:SigningKey</c> as UTF-8, "{key}\n{exp}")). The API serves files by it; silos
/// use it for the URLs they put in webhooks, so both sides must share the key.
/// </summary>
public sealed class FileUrlSigner
{
    private readonly byte[] _key;

    public FileUrlSigner(string signingKey)
    {
        if (string.IsNullOrEmpty(signingKey))
        {
            throw new ArgumentException("A signing key is required.", nameof(signingKey));
        }

        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    /// <summary>The signed path and query for <paramref name="blobKey"/>, valid until <paramref name="expiresAt"/>.</summary>
    public string SignedPath(string blobKey, DateTimeOffset expiresAt)
    {
        if (!BlobKeys.IsValid(blobKey))
        {
            throw new ArgumentException($"'{blobKey}' is not a valid blob key.", nameof(blobKey));
        }

        var expires = expiresAt.ToUnixTimeSeconds();
        return $"/files/{blobKey}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={Signature(blobKey, expires)}";
    }

    /// <summary>The absolute signed URL under <paramref name="publicBaseUrl"/> (which may carry a path prefix).</summary>
    public string SignedUrl(string publicBaseUrl, string blobKey, DateTimeOffset expiresAt) =>
        publicBaseUrl.TrimEnd('/') + SignedPath(blobKey, expiresAt);

    /// <summary>True when <paramref name="signature"/> is the one this signer gives <paramref name="blobKey"/> and it has not expired.</summary>
    public bool IsValid(string blobKey, long expires, string? signature, DateTimeOffset now)
    {
        if (signature is null || expires < now.ToUnixTimeSeconds() || !BlobKeys.IsValid(blobKey))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(blobKey, expires));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private string Signature(string blobKey, long expires)
    {
        var payload = Encoding.UTF8.GetBytes(blobKey + "\n" + expires.ToString(CultureInfo.InvariantCulture));
        return Base64UrlEncode(HMACSHA256.HashData(_key, payload));
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
