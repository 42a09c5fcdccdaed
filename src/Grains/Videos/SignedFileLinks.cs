using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiStudio.Storage;

namespace AiStudio.Videos;

/// <summary>
/// Signs file links the way the API's <c>FileLinkSigner</c> checks them: <c>/files/{key}?exp={unix seconds}&amp;sig=
/// {base64url HMAC-SHA256(Storage:SigningKey as UTF-8, "{key}\n{exp}")}</c>. Silos need it for the links they put
/// in webhooks, which no request to the API produces; both sides must share the key.
/// </summary>
public sealed class SignedFileLinks
{
    private readonly byte[] _key;

    public SignedFileLinks(string signingKey)
    {
        if (string.IsNullOrEmpty(signingKey))
        {
            throw new ArgumentException("A signing key is required.", nameof(signingKey));
        }

        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    /// <summary>The absolute link to <paramref name="blobKey"/> under <paramref name="publicBaseUrl"/> (which may carry a path prefix).</summary>
    public string CreateUrl(string publicBaseUrl, string blobKey, DateTimeOffset expiresAt)
    {
        if (!BlobKeys.IsValid(blobKey))
        {
            throw new ArgumentException($"'{blobKey}' is not a valid blob key.", nameof(blobKey));
        }

        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(blobKey + "\n" + expires)));
        return $"{publicBaseUrl.TrimEnd('/')}/files/{blobKey}?exp={expires}&sig={signature}";
    }
}
